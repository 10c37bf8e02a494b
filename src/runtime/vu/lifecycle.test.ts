import assert from "node:assert/strict";
import { test } from "node:test";
import { VuCallError } from "./errors.ts";
import { ScriptLoadError } from "./errors.ts";
import { callExport, never, request, testVu } from "./test-helpers.ts";

test("console.* goes to the logger with k6's levels and the VU context", async () => {
  const { vu, logs } = await testVu("misc.js", 7);
  await vu.runIteration(request("logs"), never());
  assert.deepEqual(logs.map((l) => [l.level, l.message]), [
    ["info", 'log 1 {"a":[1,2]} null'],
    ["info", "info"],
    ["warn", "warn"],
    ["error", "error"],
    ["debug", "debug"],
  ]);
  assert.deepEqual(logs[0]!.fields, { vu: 7, iter: 0, scenario: "default", source: "console" });
});

test("__ENV is a mutable object; k6/timers exports the global timers", async () => {
  const { vu } = await testVu("misc.js", 1, { env: { BASE: "b" } });
  assert.deepEqual(callExport(vu, "env"), { added: "yes", base: "b" });
  assert.equal(callExport(vu, "sameTimers"), true);
});

test("setup data is parsed once per VU: mutations persist across that VU's iterations only", async () => {
  const lifecycle = await testVu("misc.js", 0);
  const data = await lifecycle.vu.callLifecycle("setup", []);
  assert.deepEqual(data, { count: 0, nested: { ok: true } }, "functions are dropped by the JSON round trip");
  const a = await testVu("misc.js", 1);
  const b = await testVu("misc.js", 2);
  for (const t of [a, b]) t.vu.setSetupData(JSON.stringify(data));
  await a.vu.runIteration(request(), never());
  await a.vu.runIteration(request(), never());
  await b.vu.runIteration(request(), never());
  assert.deepEqual(callExport(a.vu, "counts"), [1, 2]);
  assert.deepEqual(callExport(b.vu, "counts"), [1]);
});

test("a throwing lifecycle function rejects with VuCallError; handleSummary returns its object", async () => {
  const { vu, logs } = await testVu("misc.js", 0);
  await assert.rejects(vu.callLifecycle("teardown", [{ x: 1 }]), (err: unknown) =>
    err instanceof VuCallError && err.kind === "exception" && /teardown failed with \{"x":1\}/.test(err.message));
  assert.equal(logs.filter((l) => l.level === "error").length, 1);
  const summary = await vu.callLifecycle("handleSummary", [{ metrics: { iterations: { values: { count: 3 } } } }]);
  assert.deepEqual(summary, { stdout: "iterations=3" });
});

test("a missing lifecycle function resolves undefined; an unknown exec function is an error", async () => {
  const { vu } = await testVu("isolation.js", 0);
  assert.equal(await vu.callLifecycle("setup", []), undefined);
  await assert.rejects(vu.runIteration(request("nope"), never()), (err: unknown) =>
    err instanceof VuCallError && err.kind === "missing-function");
});

test("an iteration whose promise can never settle ends when nothing is registered", async () => {
  const { vu } = await testVu("misc.js");
  const outcome = await vu.runIteration(request("pending"), never());
  assert.equal(outcome.status, "completed");
});

test("minIterationDuration pads a short iteration", async () => {
  const { vu, samples } = await testVu("isolation.js", 1, { options: { minIterationDuration: "200ms" } });
  const outcome = await vu.runIteration(request(), never());
  assert.ok(outcome.durationMs >= 190, `lasted ${outcome.durationMs} ms`);
  const duration = samples.find((s) => s.metric === "iteration_duration");
  assert.ok(duration && duration.value >= 190);
});

test("open(): later VUs get the files the first VU opened, other files are refused", async () => {
  const first = await testVu("open-per-vu.js", 1);
  assert.equal(first.vu.exports.content, "first\n");
  await assert.rejects(testVu("open-per-vu.js", 2), (err: unknown) =>
    err instanceof ScriptLoadError && err.kind === "init" &&
    /open\(\) can't be used with files that weren't previously opened during initialization/.test(err.message));
});

test("close() interrupts a running lifecycle call, which rejects as interrupted", async () => {
  const { vu } = await testVu("slow-setup.js", 0);
  const call = vu.callLifecycle("setup", []);
  await new Promise((r) => setTimeout(r, 30));
  await vu.close();
  await assert.rejects(call, (err: unknown) => err instanceof VuCallError && err.kind === "interrupted");
});
