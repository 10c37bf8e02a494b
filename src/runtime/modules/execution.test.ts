import assert from "node:assert/strict";
import { test } from "node:test";
import { standaloneExecution } from "../vu/index.ts";
import { fixtureVu, iteration, NEVER } from "./test-vu.ts";

test("k6/execution: vu, scenario, instance and test.options are refused in the init context", async () => {
  const t = await fixtureVu("execution.js");
  const { initErrors } = t.call("info") as { initErrors: Record<string, string> };
  for (const key of ["vu", "scenario", "instance", "options"]) {
    assert.match(initErrors[key]!, /in the init context is not supported/, key);
  }
});

test("k6/execution: values inside an iteration, vu.metrics.tags on samples", async () => {
  const execution = standaloneExecution({ scenarios: { default: {} } });
  execution.live.vusActive = 3;
  execution.live.iterationsCompleted = 7;
  const t = await fixtureVu("execution.js", 4, { idInTest: 14, execution });
  await t.vu.runIteration(iteration("default", 0), NEVER);
  await t.vu.runIteration(iteration("default", 1, { name: "other", executor: "constant-vus", tags: { scenario: "other" } }), NEVER);
  const { last } = t.call("info") as { last: Record<string, unknown> };
  assert.deepEqual(last, {
    vu: [4, 14, 1, 0],
    scenario: ["other", "constant-vus", 1, 101, 0.25],
    instance: [3, 7],
    options: true,
    tags: "other",
    badTag: "invalid value for metric tag 'bad': only String, Boolean and Number types are accepted",
  });
  const tagged = t.samples.filter((s) => s.metric === "exec_tagged");
  assert.deepEqual(tagged.map((s) => [s.tags.scenario, s.tags.custom]), [["default", "v1"], ["other", "v1"]]);
});

test("k6/execution: changing vu.metrics.tags tags later samples only; samples already emitted keep their tags", async () => {
  const t = await fixtureVu("execution.js");
  await t.vu.runIteration(iteration("retagging"), NEVER);
  const tagged = t.samples.filter((s) => s.metric === "exec_tagged");
  assert.deepEqual(tagged.map((s) => s.tags.step), [undefined, "one", "one", "two", undefined]);
  assert.ok(!("step" in tagged[4]!.tags), "a deleted tag is gone");
});

test("k6/execution: test.abort interrupts the iteration and reaches the execution layer; test.fail continues", async () => {
  const execution = standaloneExecution();
  const t = await fixtureVu("execution.js", 1, { execution });
  const aborted = await t.vu.runIteration(iteration("aborting"), NEVER);
  assert.equal(aborted.status, "interrupted");
  assert.equal(execution.aborted, "enough");
  const failed = await t.vu.runIteration(iteration("failing"), NEVER);
  assert.equal(failed.status, "completed");
  assert.equal(execution.failed, "marked");
  assert.equal(t.samples.filter((s) => s.metric === "exec_tagged").length, 1, "code after test.fail() ran");
});
