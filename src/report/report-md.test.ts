import { test } from "node:test";
import assert from "node:assert/strict";
import { readMetricsFile, readSummaryFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { headline } from "./headline.ts";
import { errorRows, reportMarkdown } from "./report-md.ts";

function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title}\n`);
  assert.ok(start >= 0, `section "${title}" present`);
  const next = md.indexOf("\n## ", start + 3);
  return md.slice(start, next < 0 ? undefined : next);
}

test("report.md of a passing run: verdict, headline figures and every section", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const md = reportMarkdown(s);
  assert.match(md, /^# finesse-load run report\n\n\*\*PASS\*\*: 11 of 11 thresholds passed; checks 32 of 32 passed; test ran 4\.57 s\./);
  assert.match(md, /^- Sessions reached: 4$/m);
  assert.match(md, /^- Login success: 100\.00% \(4 of 4\)$/m);
  assert.match(md, /^- Event delivery: 100\.00% \(37 of 37\)$/m);
  assert.match(md, /^- Time to ready p95: 31\.7 ms$/m);
  assert.match(md, /^- Event latency p95 by role: all 63\.4 ms, self 62 ms, supervisor 63 ms$/m);
  assert.match(section(md, "Thresholds"), /^\| xmpp_time_to_ready \| p\(95\)<2000 \| p\(95\) 31\.7 ms \| pass \|$/m);
  const phases = section(md, "Phase latencies");
  assert.match(phases, /^\| xmpp_upgrade \| 4 \| 9\.5 ms \| 11\.85 ms \| 11\.97 ms \| 12 ms \|$/m);
  assert.match(phases, /^\| finesse_event_latency\{role:supervisor\} \| 21 \| 58 ms \| 63 ms \| 67\.8 ms \| 69 ms \|$/m);
  // catalogue order: connection phases before the time to ready
  assert.ok(phases.indexOf("| xmpp_sasl |") < phases.indexOf("| xmpp_time_to_ready |"));
  assert.match(section(md, "Errors"), /Totals: harness_errors 0, xmpp_sessions_failed 0\./);
  assert.match(section(md, "Checks"), /^\| no session lost \| 4 \| 0 \|$/m);
  const k6 = section(md, "k6 HTTP and WebSocket figures");
  assert.match(k6, /^\| http_reqs \| count 20, rate 4\.38\/s \|$/m);
  assert.match(k6, /^\| http_req_failed \| rate 0\.00%, failed 0 \|$/m);
  assert.match(k6, /^\| ws_sessions \| count 4 \|$/m);
  assert.match(k6, /^\| data_received \| count 71.71 kB \|$/m);
});

test("report.md of a failing run names the failed thresholds, checks and errors by kind and condition", async () => {
  const s = await readSummaryFile(FIXTURES.fail);
  const digest = await readMetricsFile(FIXTURES.failMetrics);
  const md = reportMarkdown(s, digest);
  assert.match(md, /\*\*FAIL\*\*: 8 of 11 thresholds passed; checks 18 of 32 passed/);
  assert.match(md, /^- Login success: 50\.00% \(2 of 4\)$/m);
  assert.match(md, /^- Sessions reached: 2$/m);
  const t = section(md, "Thresholds");
  assert.match(t, /^\| finesse_login_success \| rate==1 \| rate 50\.00% \| \*\*FAIL\*\* \|$/m);
  assert.match(t, /^\| harness_errors \| count==0 \| count 2 \| \*\*FAIL\*\* \|$/m);
  const errors = section(md, "Errors");
  assert.match(errors, /^\| harness_errors \| finesse_api \| Authorization Failure \| 2 \|$/m);
  assert.match(errors, /from the metrics file/);
  assert.match(section(md, "Checks"), /^\| XMPP session ready \| 2 \| \*\*2\*\* \|$/m);
  // without the metrics file the report says where the breakdown comes from
  assert.match(section(reportMarkdown(s), "Errors"), /pass the metrics file \(--metrics\)/);
});

test("event latency p95 by role from the NDJSON points equals k6's submetric p95 in the summary", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const digest = await readMetricsFile(FIXTURES.passMetrics);
  assert.deepEqual([...digest.latencyByRole.keys()], ["self", "supervisor"]);
  // drop the role submetrics so the headline has to use the points
  const bare = { ...s, metrics: new Map([...s.metrics].filter(([n]) => !n.startsWith("finesse_event_latency{"))) };
  const fromPoints = headline(bare, digest).eventLatencyP95.filter((l) => l.role !== "all");
  assert.deepEqual(fromPoints.map((l) => [l.role, l.source]), [["self", "ndjson"], ["supervisor", "ndjson"]]);
  for (const l of fromPoints) {
    const want = s.metrics.get(`finesse_event_latency{role:${l.role}}`)!.values["p(95)"]!;
    assert.ok(Math.abs(l.p95 - want) < 1e-9, `${l.role}: ${l.p95} vs ${want}`);
  }
});

test("a summary without the catalogue's metrics says what was not recorded", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const md = reportMarkdown({ ...s, metrics: new Map(), checks: [] });
  assert.match(md, /\*\*No thresholds defined\*\*; no checks/);
  assert.match(md, /^- Sessions reached: not recorded$/m);
  assert.match(md, /No latency trends recorded\./);
  assert.doesNotMatch(md, /## Thresholds|## Checks|## k6/);
});

test("without a metrics file, errors by kind and condition come from the summary's tagged submetrics", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const metrics = new Map(s.metrics);
  const counter = (name: string, count: number): void =>
    void metrics.set(name, { name, type: "counter", contains: "default", values: { count, rate: 0 }, thresholds: [] });
  counter("xmpp_sessions_failed{kind:auth,condition:not-authorized}", 3);
  counter("harness_errors{kind:timeout}", 5);
  counter("harness_errors{kind:closed}", 0);
  const rows = errorRows({ ...s, metrics });
  assert.deepEqual(rows, [
    { metric: "harness_errors", kind: "timeout", condition: "", count: 5 },
    { metric: "xmpp_sessions_failed", kind: "auth", condition: "not-authorized", count: 3 },
  ]);
  const md = reportMarkdown({ ...s, metrics });
  assert.match(md, /^\| harness_errors \| timeout \| — \| 5 \|$/m);
  assert.match(md, /By kind and condition from the summary's submetrics\./);
});
