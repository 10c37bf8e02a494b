import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMetricKey, parseThresholdExpression } from "./threshold-parse.ts";

function ok<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) assert.fail(r.error);
  return r.value;
}

test("every operator is recognised, with or without whitespace", () => {
  for (const op of ["<=", "<", ">=", ">", "===", "==", "!="]) {
    for (const text of [`avg${op}100`, `avg ${op} 100`, `  avg  ${op}100  `]) {
      const e = ok(parseThresholdExpression(text));
      assert.equal(e.operator, op, text);
      assert.equal(e.value, 100);
      assert.equal(e.source, text);
    }
  }
});

test("every aggregation is recognised; p(N) keeps N", () => {
  for (const a of ["count", "rate", "value", "avg", "min", "max", "med"]) {
    assert.deepEqual(ok(parseThresholdExpression(`${a}<1`)).aggregation, { method: a });
  }
  for (const [text, p, key] of [["p(95)", 95, "p(95)"], ["p(99.9)", 99.9, "p(99.9)"], ["p(0)", 0, "p(0)"], ["p(100)", 100, "p(100)"]] as const) {
    const e = ok(parseThresholdExpression(`${text}<200`));
    assert.deepEqual(e.aggregation, { method: "p", p });
    assert.equal(e.aggregationKey, key);
  }
});

test("numbers: decimals, exponents, signs", () => {
  assert.equal(ok(parseThresholdExpression("rate<0.01")).value, 0.01);
  assert.equal(ok(parseThresholdExpression("avg<1e3")).value, 1000);
  assert.equal(ok(parseThresholdExpression("min>-5")).value, -5);
  assert.equal(ok(parseThresholdExpression("avg<.5")).value, 0.5);
});

test("invalid expressions are rejected with a reason", () => {
  const cases: Array<[string, RegExp]> = [
    ["avg 100", /malformed expression/],
    ["", /malformed expression/],
    ["mean<100", /unsupported aggregation "mean"/],
    ["p(101)<1", /0 to 100/],
    ["p(-1)<1", /0 to 100/],
    ["p(abc)<1", /0 to 100/],
    ["p(NaN)<1", /0 to 100/],
    ["p(95<1", /missing "\)"/],
    ["avg<", /"" is not a number/],
    ["avg<abc", /"abc" is not a number/],
    ["avg<1ms", /"1ms" is not a number/],
  ];
  for (const [text, re] of cases) {
    const r = parseThresholdExpression(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.match(r.error, re, text);
  }
});

test("metric keys: plain and submetric with trimmed, unquoted pairs", () => {
  assert.deepEqual(ok(parseMetricKey("http_reqs")), { key: "http_reqs", metric: "http_reqs" });
  const k = ok(parseMetricKey("http_req_duration{ status : 200 , method:'GET', \"name\": \"x y\" }"));
  assert.equal(k.metric, "http_req_duration");
  assert.equal(k.suffix, "status : 200 , method:'GET', \"name\": \"x y\"");
  assert.deepEqual(k.tags, [["status", "200"], ["method", "GET"], ["name", "x y"]]);
});

test("metric keys: {k} means an empty value, and group paths keep their separators", () => {
  assert.deepEqual(ok(parseMetricKey("checks{mytag}")).tags, [["mytag", ""]]);
  assert.deepEqual(ok(parseMetricKey("group_duration{group:::myGroup}")).tags, [["group", "::myGroup"]]);
  assert.deepEqual(ok(parseMetricKey("group_duration{group:::a::b}")).tags, [["group", "::a::b"]]);
});

test("malformed metric keys are rejected", () => {
  for (const [key, re] of [
    ["http_reqs{status:200", /must end with "}"/],
    ["http_reqs{}", /cannot be empty/],
    ["http_reqs{ }", /cannot be empty/],
    ["{status:200}", /no metric name/],
    ["http_reqs}", /without "{"/],
    ["http_reqs{:200}", /has no key/],
    ["a{b{c}}", /unbalanced/],
  ] as const) {
    const r = parseMetricKey(key);
    assert.equal(r.ok, false, key);
    if (!r.ok) assert.match(r.error, re, key);
  }
});
