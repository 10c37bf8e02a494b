import { test } from "node:test";
import assert from "node:assert/strict";
import { MetricsEngine } from "./engine.ts";
import { compileThresholds } from "./threshold-config.ts";
import { ThresholdEvaluator } from "./thresholds.ts";

function setup(config: Record<string, unknown>): { engine: MetricsEngine; ev: ThresholdEvaluator } {
  const engine = new MetricsEngine();
  engine.declare("my_gauge", "gauge", "default");
  const compiled = compileThresholds(config, (n) => engine.info(n));
  ThresholdEvaluator.install(engine, compiled);
  return { engine, ev: new ThresholdEvaluator(compiled) };
}

const at = (metric: string, value: number, tags: Record<string, string> = {}, time = 0) => ({ metric, value, tags, time });

test("each operator compares the aggregated value", () => {
  const cases: Array<[string, boolean]> = [
    ["max<=5", true], ["max<5", false], ["max>=5", true], ["max>5", false],
    ["max===5", true], ["max==5", true], ["max!=5", false], ["max==4", false], ["max!=4", true],
  ];
  const { engine, ev } = setup({ iteration_duration: cases.map(([e]) => e) });
  engine.add(at("iteration_duration", 5));
  const r = ev.evaluate(engine, 1000, true);
  assert.deepEqual(r.outcomes.map((o) => [o.source, o.ok]), cases);
});

test("during the run, metrics without samples are skipped; at the end they are evaluated", () => {
  const { engine, ev } = setup({ iterations: ["count>0"], http_req_duration: ["avg>1"] });
  const during = ev.evaluate(engine, 2000, false);
  assert.deepEqual(during.failed, []);
  assert.ok(during.outcomes.every((o) => o.ok && o.value === undefined));
  const end = ev.evaluate(engine, 5000, true);
  assert.deepEqual(end.failed, ["http_req_duration", "iterations"]);
  assert.deepEqual(end.outcomes.map((o) => o.value), [0, 0], "Counter count 0 and Trend stats 0 when empty");
});

test("at the end an empty Rate passes, an empty Counter count is 0, empty Trend stats are 0, empty Gauge value is 0", () => {
  const { engine, ev } = setup({
    http_req_failed: ["rate<0.01", "rate>0.5"],
    http_reqs: ["count==0", "rate==0"],
    ws_connecting: ["p(99)==0", "avg==0", "med==0"],
    my_gauge: ["value==0"],
  });
  const r = ev.evaluate(engine, 10_000, true);
  assert.deepEqual(r.failed, []);
});

test("Counter rate uses the elapsed run time", () => {
  const { engine, ev } = setup({ http_reqs: ["rate>=10"] });
  for (let i = 0; i < 50; i++) engine.add(at("http_reqs", 1));
  assert.equal(ev.evaluate(engine, 5000, false).failed.length, 0); // 10/s
  assert.deepEqual(ev.evaluate(engine, 10_000, false).failed, ["http_reqs"]); // 5/s
});

test("abortOnFail asks for an abort only after delayAbortEval, and only for failing abortOnFail thresholds", () => {
  const { engine, ev } = setup({
    checks: [{ threshold: "rate>0.9", abortOnFail: true, delayAbortEval: "10s" }],
    http_req_duration: ["avg<1"],
  });
  engine.add(at("checks", 0, { check: "c" }));
  engine.add(at("http_req_duration", 100));
  assert.equal(ev.evaluate(engine, 4000, false).abort, false, "before delayAbortEval");
  assert.equal(ev.evaluate(engine, 12_000, false).abort, true, "after delayAbortEval");
  const plain = setup({ http_req_duration: ["avg<1"], checks: [{ threshold: "rate>0", abortOnFail: true }] });
  plain.engine.add(at("http_req_duration", 100));
  plain.engine.add(at("checks", 1, { check: "c" }));
  const r = plain.ev.evaluate(plain.engine, 2000, false);
  assert.deepEqual([r.failed, r.abort], [["http_req_duration"], false]);
});

test("submetrics match samples whose tags contain every pair, extra tags allowed", () => {
  const { engine, ev } = setup({
    "http_req_duration{status:200}": ["max<100"],
    "http_req_duration{status:200,method:GET}": ["max<50"],
    "http_req_duration{name}": ["max<1000"],
  });
  const get200 = { status: "200", method: "GET", url: "http://x" };
  engine.add(at("http_req_duration", 40, get200));
  engine.add(at("http_req_duration", 40, get200)); // same tags object: cached match
  engine.add(at("http_req_duration", 90, { status: "200", method: "POST" }));
  engine.add(at("http_req_duration", 500, { status: "500", method: "GET" }));
  engine.add(at("http_req_duration", 700, { name: "" }));
  engine.add(at("http_req_duration", 900, { name: "x" }));
  assert.equal(engine.sink("http_req_duration{status:200}")!.samples, 3);
  assert.equal(engine.sink("http_req_duration{status:200,method:GET}")!.samples, 2);
  assert.equal(engine.sink("http_req_duration{name}")!.samples, 1, "{name} matches only an empty name tag");
  assert.equal(engine.sink("http_req_duration")!.samples, 6);
  const r = ev.evaluate(engine, 1000, true);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.outcomes.map((o) => o.value), [90, 40, 700]);
});

test("byMetric keeps the last outcome for the summary; unevaluated thresholds are ok", () => {
  const { engine, ev } = setup({ iterations: ["count>1"] });
  assert.deepEqual(Object.fromEntries(ev.byMetric()), { iterations: { "count>1": { ok: true } } });
  engine.add(at("iterations", 1));
  ev.evaluate(engine, 1000, true);
  assert.deepEqual(Object.fromEntries(ev.byMetric()), { iterations: { "count>1": { ok: false } } });
});

test("abortOnFail without delayAbortEval asks for an abort at once", () => {
  const { engine, ev } = setup({ checks: [{ threshold: "rate==1", abortOnFail: true }] });
  engine.add(at("checks", 0, { check: "c" }));
  assert.equal(ev.evaluate(engine, 0, false).abort, true);
});

test("install adds http_req_duration{expected_response:true} unless the system tag is disabled", () => {
  const withTag = setup({});
  assert.deepEqual(withTag.engine.submetrics("http_req_duration").map((s) => s.name), ["http_req_duration{expected_response:true}"]);
  const engine = new MetricsEngine();
  ThresholdEvaluator.install(engine, compileThresholds({}, (n) => engine.info(n)), { systemTags: ["status", "url"] });
  assert.deepEqual(engine.submetrics(), []);
});

test("the same tag set spelled differently is one submetric sink", () => {
  const { engine } = setup({ "http_req_duration{expected_response: 'true'}": ["max<1"] });
  assert.deepEqual(engine.submetrics().map((s) => s.name), ["http_req_duration{expected_response: 'true'}"]);
});
