import { test } from "node:test";
import assert from "node:assert/strict";
import { readMetricsFile, readSummaryFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { esc } from "./html-escape.ts";
import { digestNdjson } from "./points.ts";
import { reportHtml } from "./report-html.ts";
import { reportMarkdown } from "./report-md.ts";
import { parseRunInfo } from "./run-info.ts";

const charts = (html: string): Array<{ id: string; points: number }> =>
  [...html.matchAll(/<svg [^>]*data-chart="([^"]+)" data-points="(\d+)"/g)].map((m) => ({ id: m[1]!, points: Number(m[2]) }));

test("esc turns every markup character into a character reference", () => {
  assert.equal(esc(`<a href="x" title='y'>&</a>`), "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
});

test("report.html is self-contained: no script, no external resource, a policy that forbids fetching", async () => {
  const html = reportHtml(await readSummaryFile(FIXTURES.fail), await readMetricsFile(FIXTURES.failMetrics));
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script|<link|<img|\ssrc=|\shref=|url\(|@import/i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok(charts(html).every((c) => c.points > 0), JSON.stringify(charts(html)));
});

test("names and tags from the run are escaped wherever they are shown", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const hostile = `<script>alert("x")</script>`;
  const metrics = new Map(s.metrics);
  metrics.set(`harness_errors{kind:${hostile}}`, { name: `harness_errors{kind:${hostile}}`, type: "counter", contains: "default", values: { count: 2, rate: 0 }, thresholds: [{ expr: "count<1", ok: false }] });
  const digest = digestNdjson(JSON.stringify({ metric: "harness_errors", type: "Point", data: { time: "2026-01-01T00:00:00Z", value: 1, tags: { kind: hostile, condition: "a&b" } } }), "m");
  const run = parseRunInfo({ scenario: hostile, status: hostile, config: { x: hostile }, generator: { trusted: false, warnings: [{ kind: "cpu", message: hostile }] } }, "run.json");
  const html = reportHtml({ ...s, metrics, checks: [{ group: hostile, name: hostile, passes: 1, fails: 0 }] }, digest, run);
  assert.doesNotMatch(html, /<script/);
  assert.ok(html.includes(esc(hostile)));
  assert.ok(html.includes("a&amp;b"));
});

test("what a run did not record is said, not left blank", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const html = reportHtml(s);
  assert.match(html, /Time series: not recorded \(no metrics\.ndjson\.gz/);
  assert.match(html, /run\.json: not recorded/);
  assert.match(html, /Generator health: not recorded/);
  assert.match(html, /<dt>Git commit<\/dt><dd class="none">not recorded<\/dd>/);
  assert.match(html, /Knee<\/dt><dd>not applicable \(no per-step thresholds\)/);
  assert.equal(charts(html).length, 0);
  const empty = reportHtml(s, digestNdjson("", "m.ndjson"));
  assert.match(empty, /The metrics file holds no points\./);
  assert.match(empty, /Event latency: not recorded/);
  assert.equal(charts(empty).length, 0);
  const noGen = reportHtml(s, undefined, parseRunInfo({ scenario: "smoke", generator: { unavailable: "not Linux", trusted: false, samples: [], warnings: [] } }, "run.json"));
  assert.match(noGen, /Generator health: not recorded \(not Linux\)/);
  assert.match(noGen, /id="untrusted"><strong>Untrusted: load generator not monitored\.<\/strong> The guard could not sample it \(not Linux\)/);
  assert.doesNotMatch(noGen, /saturated/);
  assert.match(reportMarkdown(s, undefined, parseRunInfo({ generator: { unavailable: "not Linux", trusted: false } }, "run.json")),
    /^> \*\*Untrusted: load generator not monitored\*\* \(not Linux\)/m);
  assert.doesNotMatch(reportHtml(s, undefined, parseRunInfo({ generator: { trusted: true, samples: [] } }, "run.json")), /class="banner/);
});

test("an incomplete run and an untrusted generator get banners in report.html and report.md", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const run = parseRunInfo({ scenario: "soak", status: "incomplete", generator: { trusted: false,
    warnings: [{ kind: "fds", message: "open files at 85 % of the limit", firstAt: "2026-01-01T00:00:09Z" }] } }, "run.json");
  const html = reportHtml(s, undefined, run);
  assert.match(html, /id="status">Incomplete run/);
  assert.match(html, /id="untrusted"><strong>Untrusted: load generator saturated\.<\/strong>/);
  assert.match(html, /<strong>fds<\/strong> from 2026-01-01T00:00:09Z: open files at 85 % of the limit/);
  const md = reportMarkdown(s, undefined, run);
  assert.match(md, /^# finesse-load run report: soak\n\n> \*\*Incomplete run\*\*/);
  assert.match(md, /^> \*\*Untrusted: load generator saturated\.\*\*/m);
  assert.match(md, /^> Generator guard, fds from 2026-01-01T00:00:09Z: open files at 85 % of the limit$/m);
  const failed = reportHtml(s, undefined, parseRunInfo({ status: "failed", exitCode: 107, host: { cpus: 2, memoryBytes: 25276026880 } }, "run.json"));
  assert.match(failed, /<dt>Host<\/dt><dd>cpus 2, memoryBytes 25.28 GB<\/dd>/);
  assert.match(failed, /Run status &quot;failed&quot;: the run did not finish normally \(exit code 107\)/);
});

test("report.md and report.html show the same headline figures and the knee", async () => {
  const s = await readSummaryFile(FIXTURES.capacity);
  const d = await readMetricsFile(FIXTURES.capacityMetrics);
  const md = reportMarkdown(s, d);
  const html = reportHtml(s, d);
  for (const line of md.split("\n").filter((l) => l.startsWith("- "))) {
    const [label, value] = line.slice(2).split(/: (.*)/s);
    assert.ok(html.includes(`<dt>${esc(label!)}</dt><dd>${esc(value!)}</dd>`), `report.html shows "${line}"`);
  }
  assert.match(md, /^- Knee: 6 sessions \(first failing step of 3: finesse_event_latency p\(95\)<600\)$/m);
  assert.match(md, /^\| 6 \| \*\*FAIL\*\* \| finesse_event_latency p\(95\)<600 \|$/m);
  assert.match(html, /class="mark-label"[^>]*>knee: 6 sessions</);
  assert.match(html, /event latency SLO p95 &lt; 600 ms/);
  // the step table: verdict from the summary, figures from the step's samples
  const row6 = /<tr><td>6<\/td><td>FAIL<\/td><td>finesse_event_latency p\(95\)&lt;600<\/td><td>([\d.]+ m?s)<\/td><td>[\d.]+ m?s<\/td><td>0\.00% of 2<\/td><td>0\.00% of \d+<\/td><\/tr>/.exec(html);
  assert.ok(row6, "step 6 row");
  assert.match(row6[1]!, /^1\.\d+ s$/, "the slowed step's event latency p95 is over a second");
});

test("an hour-long run stays small: at most 241 points per time series", () => {
  const lines: string[] = [];
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  for (let s = 0; s < 3600; s++) {
    const time = new Date(t0 + s * 1000).toISOString();
    lines.push(JSON.stringify({ metric: "xmpp_sessions_opened", type: "Point", data: { time, value: 1, tags: {} } }));
    lines.push(JSON.stringify({ metric: "xmpp_time_to_ready", type: "Point", data: { time, value: 20 + (s % 50), tags: {} } }));
    lines.push(JSON.stringify({ metric: "finesse_event_latency", type: "Point", data: { time, value: 40 + (s % 70), tags: { role: "self", node: "user" } } }));
  }
  const d = digestNdjson(lines.join("\n"), "m");
  const html = reportHtml({ file: "s", format: "handleSummary", durationMs: 3_600_000, metrics: new Map(), checks: [] }, d);
  const sessions = charts(html).find((c) => c.id === "sessions");
  assert.ok(sessions && sessions.points <= 241, JSON.stringify(sessions));
  assert.ok(charts(html).filter((c) => c.id.startsWith("phase-")).every((c) => c.points <= 3 * 241));
  assert.match(html, /time since first sample \(min\); per 15 s bucket/);
  assert.ok(html.length < 150_000, `${html.length} characters`);
});
