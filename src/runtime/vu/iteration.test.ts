import assert from "node:assert/strict";
import { test } from "node:test";
import { callExport, never, request, testVu } from "./test-helpers.ts";

const marks = (samples: { metric: string; tags: Record<string, string> }[]): string[] =>
  samples.filter((s) => s.metric === "loop_marks").map((s) => s.tags.at!);
const metrics = (samples: { metric: string }[]): string[] => samples.map((s) => s.metric);

test("an iteration waits for its timers and ends after them", async () => {
  const { vu, samples } = await testVu("loop.js");
  const started = Date.now();
  const outcome = await vu.runIteration(request("timerKeepsAlive"), never());
  assert.equal(outcome.status, "completed");
  assert.ok(Date.now() - started >= 140, "the iteration lasted until the timer fired");
  assert.deepEqual(marks(samples), ["timeout"]);
  assert.deepEqual(metrics(samples).slice(-4), ["data_sent", "data_received", "iterations", "iteration_duration"]);
});

test("an async exec function ends when its promise settles and its timers are done", async () => {
  const { vu, samples } = await testVu("loop.js");
  const outcome = await vu.runIteration(request("asyncWork"), never());
  assert.equal(outcome.status, "completed");
  assert.equal(outcome.error, undefined);
  assert.deepEqual(marks(samples), ["async"]);
});

test("keepAlive holds the iteration open until released", async () => {
  const { vu } = await testVu("isolation.js");
  let release: (() => void) | undefined;
  let ended = false;
  const done = vu.runIteration(request(), never()).then((o) => {
    ended = true;
    return o;
  });
  release = vu.host.keepAlive();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(ended, false);
  release();
  assert.equal((await done).status, "completed");
});

test("interruption drops timers with k6's message, discards late samples, no iteration samples", async () => {
  const { vu, samples, logs } = await testVu("loop.js");
  const stop = new AbortController();
  const signalSeen: boolean[] = [];
  const done = vu.runIteration(request("intervalForever"), stop.signal);
  vu.host.iterationSignal.addEventListener("abort", () => signalSeen.push(true));
  await new Promise((r) => setTimeout(r, 120));
  stop.abort();
  const outcome = await done;
  assert.equal(outcome.status, "interrupted");
  assert.deepEqual(signalSeen, [true]);
  const names = metrics(samples);
  assert.ok(!names.includes("iterations") && !names.includes("iteration_duration"));
  assert.ok(names.includes("data_sent") && names.includes("data_received"));
  assert.ok(marks(samples).every((m) => m === "interval") && marks(samples).length > 0);
  const warnings = logs.filter((l) => l.level === "warn").map((l) => l.message);
  assert.deepEqual(warnings.sort(), [
    "setInterval 1 was stopped because the VU iteration was interrupted",
    "setTimeout 2 was stopped because the VU iteration was interrupted",
  ]);
  const before = samples.length;
  vu.host.emit({ metric: "loop_marks", value: 1, tags: {} });
  assert.equal(samples.length, before, "samples after the iteration are dropped");
});

test("an exception in a timer callback ends the iteration, logged, still completed", async () => {
  const { vu, samples, logs } = await testVu("loop.js");
  const outcome = await vu.runIteration(request("throwInTimer"), never());
  assert.equal(outcome.status, "completed");
  assert.match(outcome.error ?? "", /^Error: boom in timer/);
  assert.deepEqual(marks(samples), [], "the other timer was dropped");
  assert.ok(metrics(samples).includes("iterations"));
  const errors = logs.filter((l) => l.level === "error");
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.fields.source, "stacktrace");
  assert.equal(errors[0]!.fields.iter, 0);
});

test("a throwing dispatch() handler ends the iteration with that error", async () => {
  const { vu } = await testVu("isolation.js");
  const done = vu.runIteration(request(), never());
  const release = vu.host.keepAlive();
  vu.host.dispatch(() => {
    throw new vu.realm.Error("handler failed");
  });
  let ranAfter = false;
  vu.host.dispatch(() => void (ranAfter = true));
  release();
  const outcome = await done;
  assert.match(outcome.error ?? "", /handler failed/);
  assert.equal(ranAfter, false, "callbacks after the error are dropped");
});

test("an unhandled rejection fails the iteration with Uncaught (in promise)", async () => {
  const { vu, logs } = await testVu("loop.js");
  const outcome = await vu.runIteration(request("unhandledRejection"), never());
  assert.equal(outcome.status, "completed");
  assert.match(outcome.error ?? "", /^Uncaught \(in promise\) Error: nobody caught me/);
  assert.equal(logs.filter((l) => l.level === "error").length, 1);
});

test("a thrown exception is logged and the iteration counts as completed", async () => {
  const { vu, samples } = await testVu("loop.js");
  const outcome = await vu.runIteration(request("throws"), never());
  assert.equal(outcome.status, "completed");
  assert.match(outcome.error ?? "", /plain failure/);
  assert.equal(samples.filter((s) => s.metric === "iterations").length, 1);
});

test("timers follow k6 semantics", async () => {
  const { vu } = await testVu("loop.js", 1);
  await vu.runIteration(request("timerSemantics"), never());
  assert.deepEqual(callExport(vu, "report"), {
    order: ["a", "b12", "i1", "i2", "i3"],
    ids: [1, 2, 3, 4],
    threw: "true:setTimeout's callback isn't a callable function",
    thisIsGlobal: true,
  });
  // ids keep counting across iterations
  await vu.runIteration(request("timerSemantics"), never());
  assert.deepEqual((callExport(vu, "report") as { ids: number[] }).ids, [6, 7, 8, 9]);
});

test("setup runs in group ::setup in VU 0; its JSON result is parsed once per VU", async () => {
  const lifecycle = await testVu("basic.js", 0);
  const data = await lifecycle.vu.callLifecycle("setup", []);
  assert.deepEqual(data, { token: "abc", when: 1 });
  const { vu, samples } = await testVu("basic.js", 1);
  vu.setSetupData(JSON.stringify(data));
  await vu.runIteration(request(), never());
  const checks = samples.filter((s) => s.metric === "checks");
  assert.deepEqual(checks.map((s) => s.tags), [
    { scenario: "default", group: "::outer::inner", check: "is positive" },
    { scenario: "default", group: "::outer::inner", check: "static" },
  ]);
  await lifecycle.vu.callLifecycle("teardown", [data]);
  assert.deepEqual(lifecycle.logs.map((l) => l.message), ["teardown abc"]);
  const bytes = lifecycle.samples.filter((s) => s.metric === "data_sent").map((s) => s.tags.group);
  assert.deepEqual(bytes, ["::setup", "::teardown"], "setup and teardown flush their bytes in their group");
});

test("an iteration requested after the stop signal fired does not run the exec function", async () => {
  const { vu, samples } = await testVu("loop.js");
  const stop = new AbortController();
  stop.abort();
  const outcome = await vu.runIteration(request("timerKeepsAlive"), stop.signal);
  assert.equal(outcome.status, "interrupted");
  assert.deepEqual(marks(samples), []);
  assert.ok(outcome.durationMs < 1000);
});

test("logged exceptions keep only the script's stack frames", async () => {
  const { vu } = await testVu("loop.js");
  const outcome = await vu.runIteration(request("throws"), never());
  const lines = (outcome.error ?? "").split("\n");
  assert.equal(lines[0], "Error: plain failure");
  assert.ok(lines.length >= 2, "the script frame is kept");
  assert.ok(lines.slice(1).every((l) => l.includes("fixtures/loop.js:")), lines.join("\n"));
});

test("timers run by due time, and in creation order when due together", async () => {
  const { vu } = await testVu("loop.js");
  await vu.runIteration(request("ordering"), never());
  assert.deepEqual(callExport(vu, "orderingReport"), ["first", ...Array.from({ length: 20 }, (_, i) => i), "later"]);
});
