import { test } from "node:test";
import assert from "node:assert/strict";
import { MetricsEngine } from "./engine.ts";
import { SummaryOptionError } from "./errors.ts";
import { buildSummaryData, parseTrendStats } from "./summary-data.ts";
import { summaryExportJson, summaryExportObject } from "./summary-export.ts";
import { compileThresholds } from "./threshold-config.ts";
import { ThresholdEvaluator } from "./thresholds.ts";

function run() {
  const engine = new MetricsEngine();
  engine.declare("login_time", "trend", "time");
  const compiled = compileThresholds({
    http_req_duration: ["p(95)<100", "avg<1000"],
    "http_req_duration{status:200}": ["max<1000"],
    checks: ["rate>0.99"],
    http_req_failed: ["rate<0.5"],
  }, (n) => engine.info(n));
  ThresholdEvaluator.install(engine, compiled);
  const ev = new ThresholdEvaluator(compiled);
  for (let i = 1; i <= 100; i++) engine.add({ metric: "http_req_duration", time: i, value: i * 2, tags: { status: i % 4 ? "200" : "404" } });
  engine.add({ metric: "http_reqs", time: 1, value: 100, tags: {} });
  engine.add({ metric: "vus", time: 1, value: 3, tags: {} });
  engine.add({ metric: "vus", time: 2, value: 5, tags: {} });
  engine.add({ metric: "checks", time: 1, value: 1, tags: { check: "ok", group: "::g" } });
  engine.add({ metric: "checks", time: 1, value: 0, tags: { check: "ok", group: "::g" } });
  engine.add({ metric: "login_time", time: 1, value: 250, tags: {} });
  ev.evaluate(engine, 10_000, true);
  return { engine, ev };
}

test("handleSummary data has k6's shape", () => {
  const { engine, ev } = run();
  const data = buildSummaryData(engine, ev, { testRunDurationMs: 10_000, isStdOutTTY: true, setupData: { token: "t" } });
  assert.deepEqual(Object.keys(data), ["root_group", "options", "state", "metrics", "setup_data"]);
  assert.deepEqual(data.options, { summaryTrendStats: ["avg", "min", "med", "max", "p(90)", "p(95)"], summaryTimeUnit: "", noColor: false });
  assert.deepEqual(data.state, { isStdOutTTY: true, isStdErrTTY: false, testRunDurationMs: 10_000 });
  assert.deepEqual(data.setup_data, { token: "t" });
  assert.deepEqual(Object.keys(data.root_group), ["name", "path", "id", "groups", "checks"]);
  assert.deepEqual(Object.keys(data.metrics).sort(), [
    "checks", "http_req_duration", "http_req_duration{status:200}", "http_req_failed", "http_reqs", "login_time", "vus"]);
  assert.deepEqual(data.metrics.http_reqs, { type: "counter", contains: "default", values: { count: 100, rate: 10 } });
  assert.deepEqual(data.metrics.vus, { type: "gauge", contains: "default", values: { value: 5, min: 3, max: 5 } });
  assert.deepEqual(data.metrics.checks, { type: "rate", contains: "default", values: { rate: 0.5, passes: 1, fails: 1 },
    thresholds: { "rate>0.99": { ok: false } } });
  assert.deepEqual(data.metrics.http_req_failed, { type: "rate", contains: "default", values: { rate: 0, passes: 0, fails: 0 },
    thresholds: { "rate<0.5": { ok: true } } }, "observed through its threshold, without samples");
  const d = data.metrics.http_req_duration!;
  assert.deepEqual([d.type, d.contains], ["trend", "time"]);
  assert.deepEqual(Object.keys(d.values), ["avg", "min", "med", "max", "p(90)", "p(95)"]);
  assert.equal(d.values.avg, 101);
  assert.deepEqual(d.thresholds, { "p(95)<100": { ok: false }, "avg<1000": { ok: true } });
  assert.equal(data.metrics["http_req_duration{status:200}"]!.values.max, 198);
});

test("no setup_data key when setup() returned nothing", () => {
  const { engine } = run();
  assert.equal("setup_data" in buildSummaryData(engine, undefined, { testRunDurationMs: 1 }), false);
});

test("summaryTrendStats decides the trend values; invalid entries are refused", () => {
  const { engine, ev } = run();
  const data = buildSummaryData(engine, ev, { testRunDurationMs: 1000, summaryTrendStats: ["count", "p(99.9)", "min"], summaryTimeUnit: "ms" });
  assert.deepEqual(data.metrics.login_time!.values, { count: 1, "p(99.9)": 250, min: 250 });
  assert.equal(data.options.summaryTimeUnit, "ms");
  for (const bad of ["mean", "p(101)", "p95", "p(x)"]) {
    assert.throws(() => parseTrendStats([bad]), (e: unknown) => e instanceof SummaryOptionError && e.stat === bad, bad);
  }
});

test("--summary-export: no options/state, flattened values, rate→value, inverted thresholds, groups keyed by name", () => {
  const { engine, ev } = run();
  const data = buildSummaryData(engine, ev, { testRunDurationMs: 10_000, setupData: [1] });
  const out = summaryExportObject(data);
  assert.deepEqual(Object.keys(out), ["root_group", "metrics", "setup_data"]);
  assert.deepEqual(out.metrics.http_reqs, { count: 100, rate: 10 });
  assert.deepEqual(out.metrics.checks, { passes: 1, fails: 1, value: 0.5, thresholds: { "rate>0.99": true } });
  assert.deepEqual(out.metrics.http_req_duration!.thresholds, { "p(95)<100": true, "avg<1000": false });
  assert.equal(out.metrics.vus!.thresholds, undefined);
  assert.deepEqual(Object.keys(out.root_group.groups), ["g"]);
  assert.deepEqual(out.root_group.groups.g!.checks.ok, {
    name: "ok", path: "::g::ok", id: data.root_group.groups[0]!.checks[0]!.id, passes: 1, fails: 1 });
  assert.deepEqual(out.root_group.checks, {});
  // the handleSummary object itself is untouched
  assert.deepEqual(data.metrics.checks!.thresholds, { "rate>0.99": { ok: false } });
  assert.ok(Array.isArray(data.root_group.groups));
  const text = summaryExportJson(data);
  assert.ok(text.startsWith('{\n    "root_group": {\n        "name": ""'), "4-space indent");
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(out)));
});

test("submetrics: with thresholds always listed; expected_response only once it has samples", () => {
  const engine = new MetricsEngine();
  const compiled = compileThresholds({ "http_req_duration{scenario:login}": ["p(99)<10"] }, (n) => engine.info(n));
  ThresholdEvaluator.install(engine, compiled);
  const before = buildSummaryData(engine, new ThresholdEvaluator(compiled), { testRunDurationMs: 1 });
  assert.deepEqual(Object.keys(before.metrics), ["http_req_duration", "http_req_duration{scenario:login}"]);
  engine.add({ metric: "http_req_duration", time: 0, value: 5, tags: { expected_response: "true" } });
  const after = buildSummaryData(engine, undefined, { testRunDurationMs: 1 });
  assert.deepEqual(Object.keys(after.metrics), [
    "http_req_duration", "http_req_duration{scenario:login}", "http_req_duration{expected_response:true}"]);
  assert.equal(after.metrics["http_req_duration{expected_response:true}"]!.values.max, 5);
});
