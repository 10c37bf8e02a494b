import assert from "node:assert/strict";
import { test } from "node:test";
import { fixtureVu, iteration, NEVER } from "./test-vu.ts";

test("check: one checks sample per key tagged check, returns whether all passed", async () => {
  const t = await fixtureVu("checks.js");
  const done = t.vu.runIteration(iteration("checks"), NEVER);
  await done;
  const checks = t.samples.filter((s) => s.metric === "checks");
  assert.deepEqual(checks.map((s) => [s.tags.check, s.value, s.tags.extra]), [
    ["is five", 1, "t"],
    ["is six", 0, "t"],
    ["truthy constant", 1, undefined],
  ]);
  assert.ok(checks.every((s) => s.tags.scenario === "default" && s.tags.group === ""));
});

test("check returns false when one fails, and is refused in the init context", async () => {
  const t = await fixtureVu("checks.js");
  t.vu.host.phase = "vu";
  // Direct call outside an iteration: the return value is what matters here.
  assert.deepEqual(t.call("checks"), { all: false, ok: true });
  assert.deepEqual(t.call("info"), { initError: "Using check() in the init context is not supported" });
});

test("check names may not contain '::'; a throwing check records a failure and propagates", async () => {
  const t = await fixtureVu("checks.js");
  const bad = await t.vu.runIteration(iteration("badCheckName"), NEVER);
  assert.match(bad.error ?? "", /must not contain '::'/);
  const throwing = await t.vu.runIteration(iteration("throwingCheck"), NEVER);
  assert.match(throwing.error ?? "", /check blew up/);
  const checks = t.samples.filter((s) => s.metric === "checks");
  assert.deepEqual(checks.map((s) => [s.tags.check, s.value]), [["first", 1], ["explodes", 0]]);
});

test("group: nested path tags, group_duration per group, returns the callback's value", async () => {
  const t = await fixtureVu("checks.js");
  t.vu.host.phase = "vu";
  const before = t.samples.length;
  assert.equal(t.call("nested"), 42);
  const durations = t.samples.slice(before).filter((s) => s.metric === "group_duration");
  assert.equal(durations.length, 0, "outside a run samples are dropped");
  await t.vu.runIteration(iteration("nested"), NEVER);
  const inRun = t.samples.filter((s) => s.metric === "group_duration");
  assert.deepEqual(inRun.map((s) => s.tags.group), ["::outer::inner", "::outer"]);
  assert.equal(t.vu.host.groupPath, "", "the group path is restored");
});

test("group rejects async callbacks; fail() ends the iteration with its message", async () => {
  const t = await fixtureVu("checks.js");
  const asyncGroup = await t.vu.runIteration(iteration("asyncGroup"), NEVER);
  assert.match(asyncGroup.error ?? "", /group\(\) does not support async functions/);
  const failing = await t.vu.runIteration(iteration("failing"), NEVER);
  assert.equal(failing.status, "completed");
  assert.match(failing.error ?? "", /^Error: deliberate/);
});

test("randomSeed makes Math.random repeatable for the VU", async () => {
  const t = await fixtureVu("checks.js");
  assert.deepEqual(t.call("seeded"), { same: true, inRange: true });
});

test("sleep blocks the VU and returns early when the iteration is interrupted from another thread", async () => {
  const t = await fixtureVu("sleeper.js");
  const started = performance.now();
  await t.vu.runIteration(iteration(), NEVER);
  assert.ok(performance.now() - started >= 45, "slept about 50 ms");
  // Another thread stores into interruptCell and notifies: sleep wakes up.
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     setTimeout(() => { Atomics.store(workerData, 0, 1); Atomics.notify(workerData, 0); }, 100);`,
    { eval: true, workerData: t.vu.interruptCell },
  );
  const longStart = performance.now();
  await t.vu.runIteration(iteration("long"), NEVER);
  const took = performance.now() - longStart;
  await worker.terminate();
  assert.ok(took < 4000, `sleep(5) returned after ${Math.round(took)} ms`);
});

test("module state is per VU: a seeded Math.random and the group path stay in their VU", async () => {
  const a = await fixtureVu("checks.js", 1);
  const b = await fixtureVu("checks.js", 2);
  const nativeB = b.vu.realm.Math.random;
  a.call("seeded");
  assert.equal(b.vu.realm.Math.random, nativeB, "VU 2's Math.random is untouched");
  a.vu.host.groupPath = "::only-a";
  assert.equal(b.vu.host.currentTags().group, "");
});

test("the group and check system tags follow the systemTags option", async () => {
  const t = await fixtureVu("checks.js", 1, { options: { systemTags: ["scenario"] } });
  await t.vu.runIteration(iteration("checks"), NEVER);
  const first = t.samples.find((s) => s.metric === "checks");
  assert.deepEqual(first?.tags, { scenario: "default", extra: "t" });
});
