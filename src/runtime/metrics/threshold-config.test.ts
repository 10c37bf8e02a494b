import { test } from "node:test";
import assert from "node:assert/strict";
import { ThresholdConfigError } from "./errors.ts";
import { MetricRegistry } from "./registry.ts";
import { compileThresholds } from "./threshold-config.ts";

const registry = new MetricRegistry();
registry.declare("my_counter", "counter", "default");
registry.declare("my_gauge", "gauge", "default");
registry.declare("my_rate", "rate", "default");
registry.declare("my_trend", "trend", "time");
const lookup = (n: string) => registry.get(n);

function problems(config: unknown): string[] {
  try {
    compileThresholds(config, lookup);
  } catch (e) {
    assert.ok(e instanceof ThresholdConfigError);
    assert.equal(e.kind, "invalid-thresholds");
    return e.problems.map((p) => p.message);
  }
  return [];
}

test("valid aggregations per metric type are accepted", () => {
  const c = compileThresholds({
    my_counter: ["count>0", "rate<100"],
    my_gauge: ["value<10"],
    my_rate: ["rate>0.9"],
    my_trend: ["avg<1", "min<1", "max<1", "med<1", "p(95)<1", "p(99.99)<1"],
  }, lookup);
  assert.deepEqual(c.groups.map((g) => [g.name, g.thresholds.length]), [["my_counter", 2], ["my_gauge", 1], ["my_rate", 1], ["my_trend", 6]]);
});

test("aggregations invalid for the type are rejected, Trend count included", () => {
  const msgs = problems({
    my_trend: ["count>1"],
    my_counter: ["avg<1", "value<1"],
    my_gauge: ["rate<1"],
    my_rate: ["count<1", "p(90)<1"],
  });
  assert.equal(msgs.length, 6, msgs.join("\n"));
  assert.match(msgs[0]!, /my_trend: "count>1": aggregation "count" is not valid for trend metrics \(valid: avg, min, max, med, p\(N\)\)/);
  assert.match(msgs[1]!, /not valid for counter metrics \(valid: count, rate\)/);
});

test("long form: abortOnFail and delayAbortEval", () => {
  const c = compileThresholds({
    my_trend: [{ threshold: "p(95)<200", abortOnFail: true, delayAbortEval: "1m30s" }, { threshold: "avg<100" }, "max<5"],
  }, lookup);
  const [a, b, m] = c.groups[0]!.thresholds;
  assert.deepEqual([a!.abortOnFail, a!.delayAbortEvalMs], [true, 90_000]);
  assert.deepEqual([b!.abortOnFail, b!.delayAbortEvalMs], [false, undefined]);
  assert.equal(m!.expression.source, "max<5");
});

test("every problem is reported at once", () => {
  const msgs = problems({
    no_such_metric: ["avg<1"],
    my_trend: ["avg 1", { threshold: 5 }, { threshold: "avg<1", abortOnFail: "yes", delayAbortEval: "soon" }, 42],
    "my_rate{": ["rate<1"],
    my_rate: "rate<1",
  });
  assert.equal(msgs.length, 8, msgs.join("\n"));
  const text = msgs.join("\n");
  assert.match(text, /no metric named "no_such_metric"/);
  assert.match(text, /"avg 1": malformed expression/);
  assert.match(text, /long form needs "threshold" as a string/);
  assert.match(text, /abortOnFail must be true or false/);
  assert.match(text, /delayAbortEval "soon" is not a duration/);
  assert.match(text, /each threshold must be an expression string/);
  assert.match(text, /my_rate\{: .*must end with "}"/);
  assert.match(text, /my_rate: thresholds must be an array/);
});

test("the error message lists every problem", () => {
  assert.throws(() => compileThresholds({ a1: ["avg<1"], my_trend: ["x<1"] }, lookup),
    (e: unknown) => e instanceof ThresholdConfigError && /no metric named "a1"/.test(e.message) && /unsupported aggregation "x"/.test(e.message));
});

test("submetric keys get a canonical name; vu/iter tags warn", () => {
  const c = compileThresholds({ "my_trend{ scenario : 'login' }": ["avg<1"], "my_rate{vu:1}": ["rate>0"] }, lookup);
  assert.equal(c.groups[0]!.name, "my_trend{scenario : 'login'}");
  assert.deepEqual(c.groups[0]!.target.tags, [["scenario", "login"]]);
  assert.equal(c.warnings.length, 1);
  assert.match(c.warnings[0]!, /metadata/);
});

test("no thresholds option compiles to nothing; a non-object is an error", () => {
  assert.deepEqual(compileThresholds(undefined, lookup).groups, []);
  assert.throws(() => compileThresholds(["avg<1"], lookup), ThresholdConfigError);
});

test("two spellings of the same tag set are one submetric, named by the first", () => {
  const c = compileThresholds({ "my_trend{a:1,b:2}": ["avg<1"], "my_trend{ b:'2', a:\"1\" }": ["max<1"] }, lookup);
  assert.deepEqual(c.groups.map((g) => g.name), ["my_trend{a:1,b:2}", "my_trend{a:1,b:2}"]);
});

test("too many submetrics on one metric is a configuration problem", () => {
  const config: Record<string, string[]> = {};
  for (let i = 0; i < 33; i++) config[`my_trend{n:${i}}`] = ["avg<1"];
  assert.match(problems(config).join("\n"), /my_trend: thresholds define 33 submetrics with distinct tags; at most 32/);
  delete config["my_trend{n:32}"];
  assert.deepEqual(problems(config), []);
});
