import { test } from "node:test";
import assert from "node:assert/strict";
import type { Sample } from "../contracts.ts";
import { FakeVuFactory } from "./fake-vu.test-helper.ts";
import { consolidate } from "./options.ts";
import { Scheduler } from "./scheduler.ts";

async function run(scenarios: Record<string, unknown>, iterationMs: FakeVuFactory["iterationMs"], stop?: AbortSignal) {
  const samples: Sample[] = [];
  const sink = { add: (s: Sample) => samples.push(s) };
  const factory = new FakeVuFactory(iterationMs, sink);
  const warnings: string[] = [];
  const c = consolidate([{ scenarios }]);
  const scheduler = new Scheduler({
    scenarios: c.scenarios, factory, sink, testTags: { testid: "t1" }, globalEnv: { G: "g", S: "global" },
    testStop: stop ?? new AbortController().signal, warn: (m) => warnings.push(m),
  });
  await scheduler.init();
  const durationMs = await scheduler.run();
  await scheduler.close();
  const sum = (metric: string) => samples.filter((s) => s.metric === metric).reduce((a, s) => a + s.value, 0);
  return { factory, samples, warnings, durationMs, scheduler, sum, records: factory.records };
}

test("shared-iterations: VUs share one counter; iteration numbers are unique 0..n-1", async () => {
  const { records, factory } = await run({ s: { executor: "shared-iterations", vus: 3, iterations: 10 } }, 20);
  assert.equal(records.length, 10);
  assert.deepEqual(records.map((r) => r.iterationInScenario).sort((a, b) => a - b), [...Array(10).keys()]);
  assert.ok(records.every((r) => r.iterationInTest === r.iterationInScenario));
  assert.deepEqual([...new Set(records.map((r) => r.vu))].sort(), [1, 2, 3]);
  assert.equal(factory.created, 3);
  assert.equal(factory.closed, 3);
});

test("per-vu-iterations: each VU runs exactly its count", async () => {
  const { records } = await run({ p: { executor: "per-vu-iterations", vus: 2, iterations: 3 } }, 10);
  assert.equal(records.filter((r) => r.vu === 1).length, 3);
  assert.equal(records.filter((r) => r.vu === 2).length, 3);
});

test("maxDuration: no new iterations start; shared-iterations drops the un-attempted rest in one sample", async () => {
  const { records, samples } = await run({ s: { executor: "shared-iterations", vus: 1, iterations: 50, maxDuration: "1s" } }, 300);
  const started = records.length;
  assert.ok(started >= 3 && started <= 5, `started ${started}`);
  const dropped = samples.filter((s) => s.metric === "dropped_iterations");
  assert.equal(dropped.length, 1);
  assert.equal(dropped[0]!.value, 50 - started);
  assert.equal(dropped[0]!.tags.scenario, "s");
});

test("per-vu-iterations: each VU drops its own remainder at maxDuration", async () => {
  const { samples, records } = await run({ p: { executor: "per-vu-iterations", vus: 2, iterations: 20, maxDuration: "1s" } }, 400);
  const dropped = samples.filter((s) => s.metric === "dropped_iterations");
  assert.equal(dropped.length, 2);
  assert.equal(dropped.reduce((a, s) => a + s.value, 0), 40 - records.length);
});

test("gracefulStop: a long iteration is interrupted after duration + gracefulStop, or completes within it", async () => {
  const short = await run({ c: { executor: "constant-vus", vus: 1, duration: "1s", gracefulStop: "200ms" } }, 2000);
  assert.deepEqual(short.records.map((r) => r.status), ["interrupted"]);
  assert.equal(short.scheduler.counters.iterationsInterrupted, 1);
  const long = await run({ c: { executor: "constant-vus", vus: 1, duration: "1s", gracefulStop: "3s" } }, 1500);
  assert.deepEqual(long.records.map((r) => r.status), ["completed"]);
});

test("constant-arrival-rate: starts at t=0; no free VU → dropped, one 'Insufficient VUs' warning", async () => {
  // 10/s for 1s = 10 starts; one VU busy for 2s takes the first, the other 9 are dropped.
  const { records, sum, warnings } = await run(
    { a: { executor: "constant-arrival-rate", rate: 10, duration: "1s", preAllocatedVUs: 1, maxVUs: 1, gracefulStop: "0s" } },
    2000,
  );
  assert.equal(records.length, 1);
  assert.equal(records[0]!.status, "interrupted");
  assert.equal(sum("dropped_iterations"), 9);
  assert.equal(warnings.filter((w) => /Insufficient VUs, reached 1 active VUs/.test(w)).length, 1);
});

test("arrival rate: a dropped iteration makes room for one more VU, up to maxVUs", async () => {
  const { records, sum, scheduler } = await run(
    { a: { executor: "constant-arrival-rate", rate: 5, duration: "1s", preAllocatedVUs: 1, maxVUs: 3, gracefulStop: "2s" } },
    1500,
  );
  assert.equal(records.length + sum("dropped_iterations"), 5);
  assert.ok(scheduler.pool.initialized <= 3 && scheduler.pool.initialized >= 2);
  assert.ok(records.length >= 2, `started ${records.length}`);
});

test("scenarios run in parallel with their exec, env and tags; VUs are unique across scenarios", async () => {
  const { records, samples } = await run(
    {
      one: { executor: "per-vu-iterations", vus: 2, iterations: 2, exec: "api", env: { S: "one" }, tags: { kind: "x" } },
      two: { executor: "shared-iterations", vus: 1, iterations: 3 },
    },
    30,
  );
  const one = records.filter((r) => r.scenario === "one");
  const two = records.filter((r) => r.scenario === "two");
  assert.equal(one.length, 4);
  assert.equal(two.length, 3);
  assert.ok(one.every((r) => r.exec === "api" && r.env.S === "one" && r.env.G === "g" && r.tags.kind === "x" && r.tags.scenario === "one" && r.tags.testid === "t1"));
  assert.ok(two.every((r) => r.exec === "default" && r.env.S === "global"));
  assert.deepEqual(new Set(one.map((r) => r.vu)).size + new Set(two.map((r) => r.vu)).size, 3);
  const vusMax = samples.filter((s) => s.metric === "vus_max");
  assert.ok(vusMax.length >= 2);
  assert.equal(vusMax.at(-1)!.value, 3);
  assert.deepEqual(vusMax[0]!.tags, { testid: "t1" });
});

test("startTime sequences scenarios and they reuse the same VUs", async () => {
  const { records } = await run(
    {
      first: { executor: "shared-iterations", vus: 2, iterations: 2, maxDuration: "1s", gracefulStop: "0s" },
      second: { executor: "shared-iterations", vus: 2, iterations: 2, startTime: "1s" },
    },
    50,
  );
  assert.deepEqual(new Set(records.map((r) => r.vu)), new Set([1, 2]));
  assert.equal(records.length, 4);
});

test("ramping-vus: VUs follow the stages and ramp-down interrupts after gracefulRampDown", async () => {
  const { records, scheduler } = await run(
    { r: { executor: "ramping-vus", startVUs: 0, stages: [{ duration: "0s", target: 2 }, { duration: "1s", target: 2 }, { duration: "1s", target: 0 }], gracefulRampDown: "0s" } },
    100,
  );
  assert.deepEqual(new Set(records.map((r) => r.vu)), new Set([1, 2]));
  const vu2 = records.filter((r) => r.vu === 2).length;
  const vu1 = records.filter((r) => r.vu === 1).length;
  assert.ok(vu1 > vu2, `VU 1 keeps running after VU 2 left (${vu1} vs ${vu2})`);
  assert.equal(scheduler.pool.initialized, 2);
});

test("stopping the test interrupts running iterations and starts no more", async () => {
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 300);
  const { records, durationMs } = await run({ c: { executor: "constant-vus", vus: 2, duration: "10s" } }, 5000, stop.signal);
  assert.deepEqual(records.map((r) => r.status), ["interrupted", "interrupted"]);
  assert.ok(durationMs < 5000);
});

test("vus: looping executors' VUs are active for the whole scenario, arrival-rate ones only in iterations", async () => {
  const looping = await run({ c: { executor: "constant-vus", vus: 2, duration: "1500ms" } }, 5);
  const during = looping.samples.filter((s) => s.metric === "vus").slice(1, -1);
  assert.ok(during.length >= 1);
  assert.ok(during.every((s) => s.value === 2), JSON.stringify(during.map((s) => s.value)));
  assert.equal(looping.samples.filter((s) => s.metric === "vus").at(-1)!.value, 0);
  const arrival = await run({ a: { executor: "constant-arrival-rate", rate: 1, duration: "1500ms", preAllocatedVUs: 3 } }, 5);
  const busy = arrival.samples.filter((s) => s.metric === "vus").map((s) => s.value);
  assert.ok(busy.every((v) => v <= 1), JSON.stringify(busy));
});

test("stopping the test during VU initialisation stops initialising", async () => {
  const factory = new FakeVuFactory(10);
  const create = factory.create.bind(factory);
  factory.create = async (id, idInTest) => {
    await new Promise((r) => setTimeout(r, 50));
    return create(id, idInTest);
  };
  const stop = new AbortController();
  const scheduler = new Scheduler({
    scenarios: consolidate([{ vus: 200, duration: "10s" }]).scenarios, factory, sink: { add: () => {} },
    testTags: {}, globalEnv: {}, testStop: stop.signal, warn: () => {},
  });
  setTimeout(() => stop.abort(), 200);
  await scheduler.init();
  assert.ok(factory.created < 200, `created ${factory.created}`);
  await scheduler.close();
});

test("arrival-rate drivers start exactly the scheduled iterations when VUs suffice", async () => {
  const constant = await run({ a: { executor: "constant-arrival-rate", rate: 5, duration: "1s", preAllocatedVUs: 2 } }, 20);
  assert.equal(constant.records.length, 5);
  assert.equal(constant.sum("dropped_iterations"), 0);
  // 0 → 10/s over 1s: the integral reaches n = 1..4 before 1s (n = 5 at exactly 1s is the end).
  const ramping = await run({ r: { executor: "ramping-arrival-rate", startRate: 0, stages: [{ duration: "1s", target: 10 }], preAllocatedVUs: 2 } }, 20);
  assert.equal(ramping.records.length, 4);
  assert.deepEqual(ramping.records.map((r) => r.iterationInScenario), [0, 1, 2, 3]);
});
