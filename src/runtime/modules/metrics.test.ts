import assert from "node:assert/strict";
import { test } from "node:test";
import { fixtureVu, iteration, NEVER } from "./test-vu.ts";

test("metrics: declaration rules in the init context", async () => {
  const t = await fixtureVu("metrics-rules.js");
  const info = t.call("info") as { errors: Record<string, string>; addInInit: string; sameName: boolean };
  assert.match(info.errors.short!, /invalid metric name "x"/);
  assert.match(info.errors.badChars!, /invalid metric name "has-dash"/);
  assert.match(info.errors.clash!, /metric "rules_counter" already exists as a counter/);
  assert.match(info.errors.noNew!, /must be called with new/);
  assert.equal(info.addInInit, "Adding to metrics in the init context is not supported");
  assert.equal(info.sameName, true, "re-declaring with the same type returns a usable metric");
});

test("metrics: declaring outside the init context throws", async () => {
  const t = await fixtureVu("metrics-rules.js");
  const outcome = await t.vu.runIteration(iteration("declareLate"), NEVER);
  assert.match(outcome.error ?? "", /metrics must be declared in the init context/);
});

test("metrics: add() coerces values, warns on missing/NaN values, rejects object tags", async () => {
  const t = await fixtureVu("metrics-rules.js");
  await t.vu.runIteration(iteration("adds"), NEVER);
  const added = t.samples.filter((s) => s.metric.startsWith("rules_"));
  assert.deepEqual(added.map((s) => [s.metric, s.value]), [
    ["rules_counter", 2],
    ["rules_counter", 1],
    ["rules_gauge", 0],
    ["rules_rate", 3],
    ["rules_trend", 12.5],
  ]);
  assert.equal(added[0]!.tags.tagged, "yes");
  assert.equal(added[0]!.tags.scenario, "default");
  const warnings = t.logs.filter((l) => l.level === "warn").map((l) => l.message);
  assert.deepEqual(warnings, [
    "no value was provided",
    "no value was provided",
    "'abc' is an invalid value for metric 'rules_counter', a number or a boolean value is expected",
  ]);
  const fn = t.vu.exports.adds as () => unknown;
  assert.ok(fn !== undefined);
});

test("metrics: add() results and the tag value rule", async () => {
  const t = await fixtureVu("metrics-rules.js");
  t.vu.host.phase = "vu";
  const r = t.call("adds") as { results: boolean[]; badTag: string };
  assert.deepEqual(r.results, [true, true, true, true, true, false, false, false]);
  assert.match(r.badTag, /invalid value for metric tag 'obj'/);
});

test("metrics: with the throw option an invalid value throws", async () => {
  const t = await fixtureVu("metrics-rules.js", 1, { options: { throw: true } });
  const outcome = await t.vu.runIteration(iteration("adds"), NEVER);
  assert.match(outcome.error ?? "", /no value was provided/);
});
