// report.html rendered in headless Chromium (Debian `chromium`), from the files of real runs recorded
// against the simulator (fixtures/): no console errors or exceptions, no resource fetched, every chart
// drawn with data, the headline showing the verdicts. Skipped only when chromium is absent outside CI.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { Chromium, findChromium } from "./chromium.test-helper.ts";
import { readMetricsFile, readSummaryFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { reportHtml } from "./report-html.ts";
import { parseRunInfo } from "./run-info.ts";

const executable = findChromium();
const skip = executable === undefined && !process.env.CI
  ? "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)" : false;

let browser: Chromium | undefined;
let dir = "";

before(async () => {
  if (skip) return;
  assert.ok(executable, "chromium must be installed in CI (.ci/run installs the Debian chromium package)");
  dir = await mkdtemp(join(tmpdir(), "report-html-browser-"));
  browser = await Chromium.launch(executable);
});

after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface PageFacts {
  charts: Array<{ id: string; points: number; marks: number; width: number }>;
  verdict: string;
  thresholds: string[][];
  figures: Record<string, string>;
  banners: string[];
  scripts: number;
  resources: number;
  images: number;
  text: string;
}

const FACTS = `(() => ({
  charts: [...document.querySelectorAll("svg[data-chart]")].map((s) => ({ id: s.dataset.chart, points: Number(s.dataset.points),
    marks: s.querySelectorAll("path.series, circle, rect.bar").length, width: s.getBoundingClientRect().width })),
  verdict: document.getElementById("verdict")?.textContent ?? "",
  thresholds: [...document.querySelectorAll("#thresholds tbody tr")].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent, tr.cells[3].textContent]),
  figures: Object.fromEntries([...document.querySelectorAll("dl.figures div")].map((d) => [d.querySelector("dt").textContent, d.querySelector("dd").textContent])),
  banners: [...document.querySelectorAll(".banner")].map((b) => b.id),
  scripts: document.scripts.length,
  resources: performance.getEntriesByType("resource").length,
  images: document.images.length,
  text: document.body.innerText,
}))()`;

async function render(name: string, html: string): Promise<PageFacts> {
  const file = join(dir, `${name}.html`);
  await writeFile(file, html);
  const { problems, value } = await browser!.inspect(pathToFileURL(file).href, FACTS);
  assert.deepEqual(problems, [], `${name}: the page reported no errors`);
  const facts = value as PageFacts;
  assert.equal(facts.scripts, 0, `${name}: no script`);
  assert.equal(facts.resources, 0, `${name}: nothing fetched`);
  assert.ok(facts.charts.length > 0, `${name}: charts drawn`);
  for (const c of facts.charts) {
    assert.ok(c.points > 0 && c.marks > 0, `${name}: chart ${c.id} has data marks (${c.points} points, ${c.marks} marks)`);
    assert.ok(c.width > 200, `${name}: chart ${c.id} is laid out (${c.width} px wide)`);
  }
  return facts;
}

const ids = (f: PageFacts): string[] => f.charts.map((c) => c.id);

test("a failing smoke run with an untrusted, incomplete run.json: banners, verdicts, every chart drawn", { skip }, async () => {
  const summary = await readSummaryFile(FIXTURES.fail);
  const digest = await readMetricsFile(FIXTURES.failMetrics);
  const start = Date.parse("2026-11-24T06:13:13Z");
  const run = parseRunInfo({
    scenario: "smoke", engine: { name: "embedded", version: "0.1.0" }, status: "incomplete", startedAt: "2026-11-24T06:13:13Z",
    generator: { intervalMs: 1000, trusted: false, warnings: [{ kind: "cpu", message: "CPU above 80 % for 5 samples", firstAt: "2026-11-24T06:13:15Z" }],
      samples: Array.from({ length: 5 }, (_, i) => ({ t: new Date(start + i * 1000).toISOString(), cpuPercent: 60 + 8 * i, rssBytes: 9e7, fds: 40, fdLimit: 20000, tcpSockets: 4, portRange: 28232, eventLoopLagP99Ms: 12 })) },
  }, "run.json");
  const f = await render("smoke-fail", reportHtml(summary, digest, run));
  assert.equal(f.verdict, "FAIL: 8 of 11 thresholds passed");
  assert.deepEqual(f.thresholds.find((t) => t[0] === "finesse_login_success"), ["finesse_login_success", "rate==1", "FAIL"]);
  assert.deepEqual(f.thresholds.find((t) => t[0] === "xmpp_time_to_ready"), ["xmpp_time_to_ready", "p(95)<2000", "pass"]);
  assert.equal(f.figures["Login success"], "50.00% (2 of 4)");
  assert.deepEqual(f.banners, ["status", "untrusted", "guard-warnings"]);
  assert.match(f.text, /Untrusted: load generator saturated/);
  for (const id of ["sessions", "login-rate", "phase-xmpp_time_to_ready", "event-latency-histogram", "event-latency-cdf", "errors", "gen-cpu", "gen-rss", "gen-fds", "gen-tcp", "gen-lag"]) {
    assert.ok(ids(f).includes(id), `chart ${id} drawn (have ${ids(f).join(", ")})`);
  }
});

test("a capacity run with a knee: latency and error rate against sessions, the knee marked and in the headline", { skip }, async () => {
  const summary = await readSummaryFile(FIXTURES.capacity);
  const digest = await readMetricsFile(FIXTURES.capacityMetrics);
  const f = await render("capacity", reportHtml(summary, digest));
  assert.match(f.verdict, /^FAIL: \d+ of \d+ thresholds passed$/);
  assert.deepEqual(f.thresholds.find((t) => t[0] === "finesse_event_latency{step:6}"), ["finesse_event_latency{step:6}", "p(95)<600", "FAIL"]);
  assert.match(f.figures.Knee ?? "", /^6 sessions \(first failing step of 3: finesse_event_latency p\(95\)<600\)$/);
  assert.ok(ids(f).includes("capacity-latency") && ids(f).includes("capacity-errors"), ids(f).join(", "));
  assert.match(f.text, /knee: 6 sessions/);
  assert.match(f.text, /run\.json: not recorded/);
});

test("a failover run: disconnects and recoveries over time", { skip }, async () => {
  const summary = await readSummaryFile(FIXTURES.failover);
  const digest = await readMetricsFile(FIXTURES.failoverMetrics);
  const f = await render("failover", reportHtml(summary, digest, parseRunInfo({ scenario: "failover", status: "complete" }, "run.json")));
  assert.match(f.verdict, /^PASS: /);
  assert.ok(ids(f).includes("failover"), ids(f).join(", "));
  assert.match(f.text, /totals: disconnects \{cause:[a-z-]+\} 4, reconnect attempts 4, recoveries \(ready again\) 4/);
  assert.deepEqual(f.banners, []);
});

test("tag values from the wire are shown as text, never markup", { skip }, async () => {
  const summary = await readSummaryFile(FIXTURES.fail);
  const hostile = `<img src=x onerror="console.error('pwned')"><script>console.error('pwned')</script>`;
  const extra = JSON.stringify({ metric: "harness_errors", type: "Point", data: { time: "2026-11-24T06:13:14Z", value: 3, tags: { kind: hostile, condition: "</svg>&amp;" } } });
  const text = `${gunzipSync(readFileSync(FIXTURES.failMetrics)).toString("utf8")}\n${extra}\n`;
  const file = join(dir, "hostile.ndjson.gz");
  await writeFile(file, gzipSync(text));
  const f = await render("hostile", reportHtml(summary, await readMetricsFile(file)));
  assert.equal(f.images, 0);
  assert.ok(f.text.includes(hostile), "the tag value appears verbatim as text");
  assert.ok(f.text.includes("</svg>&amp;"));
});

test("the browser check itself sees console errors, exceptions and failed fetches", { skip }, async () => {
  const file = join(dir, "broken.html");
  await writeFile(file, `<!DOCTYPE html><html><body><img src="missing.png"><script>console.error("drawn badly"); throw new Error("boom");</script></body></html>`);
  const { problems } = await browser!.inspect(pathToFileURL(file).href, "1");
  const sources = problems.map((p) => p.source).sort();
  assert.ok(sources.includes("console") && sources.includes("exception") && sources.includes("log"), JSON.stringify(problems));
  assert.ok(problems.some((p) => p.source === "exception" && /boom/.test(p.text)));
});
