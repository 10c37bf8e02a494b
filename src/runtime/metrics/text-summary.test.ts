import { test } from "node:test";
import assert from "node:assert/strict";
import { MetricsEngine } from "./engine.ts";
import { humanizeBytes, humanizeDuration, humanizeRate } from "./format.ts";
import { buildSummaryData } from "./summary-data.ts";
import { compareMetricNames } from "./text-layout.ts";
import { renderTextSummary } from "./text-summary.ts";
import { compileThresholds } from "./threshold-config.ts";
import { ThresholdEvaluator } from "./thresholds.ts";

function data(opts: { summaryTimeUnit?: string } = {}) {
  const e = new MetricsEngine();
  e.declare("login_time", "trend", "time");
  const compiled = compileThresholds({ http_req_duration: ["p(95)<150"], "http_req_duration{expected_response:true}": ["max<1000"], http_req_failed: ["rate<0.01"] }, (n) => e.info(n));
  ThresholdEvaluator.install(e, compiled);
  const ev = new ThresholdEvaluator(compiled);
  const add = (metric: string, value: number, tags: Record<string, string> = {}) => e.add({ metric, value, tags, time: 0 });
  for (const v of [100, 120, 140, 200]) add("http_req_duration", v, { expected_response: "true" });
  for (const m of ["http_req_blocked", "http_req_waiting", "http_req_connecting"]) add(m, 1.5);
  add("http_req_failed", 0);
  add("http_reqs", 4);
  add("iterations", 2);
  add("iteration_duration", 1140);
  add("vus", 1);
  add("data_received", 1_234_567);
  add("data_sent", 3800);
  add("ws_sessions", 2);
  add("ws_connecting", 0.25);
  add("login_time", 65_000);
  add("group_duration", 10, { group: "::g" });
  add("checks", 1, { check: "status is 200", group: "" });
  add("checks", 0, { check: "body ok", group: "::g" });
  ev.evaluate(e, 10_000, true);
  return { d: buildSummaryData(e, ev, { testRunDurationMs: 10_000, ...opts }), ev };
}

test("sections appear in order THRESHOLDS, TOTAL RESULTS, CUSTOM, HTTP, EXECUTION, NETWORK, WEBSOCKET", () => {
  const { d, ev } = data();
  const text = renderTextSummary(d, { outcomes: ev.outcomes() });
  const order = ["█ THRESHOLDS", "█ TOTAL RESULTS", "    CUSTOM", "    HTTP", "    EXECUTION", "    NETWORK", "    WEBSOCKET"];
  const at = order.map((s) => text.indexOf(s));
  assert.ok(at.every((i) => i >= 0), text);
  assert.deepEqual([...at].sort((a, b) => a - b), at);
});

test("thresholds are listed with ✓/✗ and the compared value", () => {
  const { d, ev } = data();
  const text = renderTextSummary(d, { outcomes: ev.outcomes() });
  assert.match(text, /    http_req_duration\n    ✗ 'p\(95\)<150' p\(95\)=\d+(\.\d+)?ms\n/);
  assert.match(text, /    http_req_failed\n    ✓ 'rate<0.01' rate=0\.00%\n/);
  // a submetric whose parent has thresholds too is shown by its selector, indented under the parent
  assert.match(text, /\n      \{expected_response:true\}\n      ✓ 'max<1000' max=200ms\n/);
});

test("TOTAL RESULTS has checks_total/succeeded/failed and each check", () => {
  const { d } = data();
  const text = renderTextSummary(d);
  assert.match(text, /checks_total\.+: 2 +0\.2\/s/);
  assert.match(text, /checks_succeeded\.+: 50\.00% 1 out of 2/);
  assert.match(text, /checks_failed\.+: 50\.00% +1 out of 2/);
  assert.match(text, /✓ status is 200\n/);
  assert.match(text, /✗ body ok\n +↳  0% — ✓ 0 \/ ✗ 1/);
});

test("metric rows: counters, rates, gauges, trends, data, submetrics; checks and group_duration are not rows", () => {
  const { d } = data();
  const text = renderTextSummary(d);
  assert.match(text, /http_reqs\.+: 4 +0\.4\/s/);
  assert.match(text, /http_req_failed\.+: 0\.00% +0 out of 1/);
  assert.match(text, /vus\.+: 1 +min=1 +max=1/);
  assert.match(text, /iteration_duration\.+: avg=1\.14s +min=1\.14s/);
  assert.match(text, /login_time\.+: avg=1m5s/);
  assert.match(text, /data_received\.+: 1\.2 MB +124 kB\/s/);
  assert.match(text, /data_sent\.+: 3\.8 kB +380 B\/s/);
  assert.match(text, /ws_connecting\.+: avg=250µs/);
  assert.match(text, /\n      \{ expected_response:true \}\.+: avg=140ms/);
  assert.doesNotMatch(text, /^\s+checks\.+:/m);
  assert.doesNotMatch(text, /group_duration/);
});

test("compact mode omits http_req_* sub-timings; full mode shows them and group blocks", () => {
  const { d } = data();
  const compact = renderTextSummary(d);
  assert.doesNotMatch(compact, /http_req_blocked|http_req_waiting|http_req_connecting/);
  const full = renderTextSummary(d, { mode: "full" });
  assert.match(full, /http_req_blocked\.+: avg=1\.5ms/);
  assert.match(full, /http_req_waiting/);
  assert.match(full, /█ GROUP: g \n\n +✗ body ok/);
});

test("colour codes only when asked", () => {
  const { d } = data();
  assert.doesNotMatch(renderTextSummary(d), /\x1b\[/);
  assert.match(renderTextSummary(d, { color: true }), /\x1b\[32m✓\x1b\[0m/);
});

test("summaryTimeUnit fixes the unit of time values", () => {
  const { d } = data({ summaryTimeUnit: "s" });
  assert.match(renderTextSummary(d), /iteration_duration\.+: avg=1\.14s +min=1\.14s/);
  assert.match(renderTextSummary(d), /ws_connecting\.+: avg=0\.00s/);
});

test("humanised durations, bytes and rates", () => {
  assert.deepEqual(
    [0, 0.0005, 0.25, 148.219, 1140, 59_999, 90_000, 3_725_000].map((v) => humanizeDuration(v)),
    ["0s", "500ns", "250µs", "148.21ms", "1.14s", "59.99s", "1m30s", "1h2m5s"]);
  assert.equal(humanizeDuration(148.219, "ms"), "148.22ms");
  assert.equal(humanizeDuration(148.219, "us"), "148219.00µs");
  assert.deepEqual([5, 554, 3800, 174_000, 1_234_567].map(humanizeBytes), ["5 B", "554 B", "3.8 kB", "174 kB", "1.2 MB"]);
  assert.deepEqual([0, 0.99999, 1, 0.5].map(humanizeRate), ["0.00%", "99.99%", "100.00%", "50.00%"]);
});

test("empty sections and the THRESHOLDS block are omitted", () => {
  const e = new MetricsEngine();
  e.add({ metric: "iterations", time: 0, value: 3, tags: {} });
  const text = renderTextSummary(buildSummaryData(e, undefined, { testRunDurationMs: 1000 }));
  assert.match(text, /    EXECUTION\n    iterations\.+: 3 3\/s/);
  for (const s of ["THRESHOLDS", "CUSTOM", "HTTP", "NETWORK", "WEBSOCKET", "checks_total"]) assert.doesNotMatch(text, new RegExp(s));
  assert.match(text, /█ TOTAL RESULTS/);
});

test("metric names sort by parent, then selector, so submetrics stay under their parent", () => {
  const names = ["http_req_duration_x", "http_req_duration{b:1}", "a_metric", "http_req_duration", "http_req_duration{a:1}"];
  assert.deepEqual(names.sort(compareMetricNames),
    ["a_metric", "http_req_duration", "http_req_duration{a:1}", "http_req_duration{b:1}", "http_req_duration_x"]);
});

test("full mode lists groups by name, nested groups marked with ↳", () => {
  const e = new MetricsEngine();
  e.add({ metric: "checks", time: 0, value: 1, tags: { check: "inner ok", group: "::b::inner" } });
  e.add({ metric: "group_duration", time: 0, value: 1, tags: { group: "::a" } });
  const text = renderTextSummary(buildSummaryData(e, undefined, { testRunDurationMs: 1000 }), { mode: "full" });
  assert.match(text, /█ GROUP: a \n[\s\S]*█ GROUP: b \n\n    ↳ GROUP: inner \n\n      ✓ inner ok/);
});
