import { test } from "node:test";
import assert from "node:assert/strict";
import type { Sample } from "../../contracts.ts";
import { consolidate } from "../options.ts";
import { Scheduler } from "../scheduler.ts";
import { SharedCounters } from "../shared-counters.ts";
import { DistributedVuFactory } from "./factory.ts";
import type { DistributionPlan } from "./plan.ts";

const LAYER = new URL("../fixtures/fake-layer.ts", import.meta.url).href;

async function distributedRun(scenarios: Record<string, unknown>, plan: DistributionPlan) {
  const aborts: string[] = [];
  const stop = new AbortController();
  const factory = new DistributedVuFactory({
    init: { layerModule: LAYER, layer: { scriptPath: "x.js", options: {}, env: { ITER_MS: "20" }, tags: {}, declarations: [] }, forwardSamples: false },
    plan,
    counters: new SharedCounters(),
    control: { abort: (r) => { aborts.push(r); stop.abort(); }, fail: () => {} },
    onSamples: () => {},
    warn: () => {},
  });
  const main: Sample[] = [];
  const scheduler = new Scheduler({
    scenarios: consolidate([{ scenarios }]).scenarios, factory, sink: { add: (s) => main.push(s) },
    testTags: {}, globalEnv: {}, testStop: stop.signal, warn: () => {},
  });
  await scheduler.init();
  const lifecycle = await factory.createLifecycle();
  const setupData = await lifecycle.callLifecycle("setup", []);
  await factory.setSetupData(setupData);
  await scheduler.run();
  const states = (await factory.drainMetrics()) as Array<Record<string, number>>;
  const hosts = factory.hostCount();
  await scheduler.close();
  await factory.close();
  const byHost = new Map<string, number>();
  for (const st of states) for (const [k, v] of Object.entries(st)) byHost.set(k, (byHost.get(k) ?? 0) + v);
  return { byHost, aborts, hosts, scheduler, setupData };
}

test("VUs in 2 worker threads: every iteration is counted once in the merged metrics", async () => {
  const { byHost, hosts, scheduler } = await distributedRun({ s: { executor: "shared-iterations", vus: 4, iterations: 40 } }, { perProcess: 100, threads: 2, blocking: false });
  const iterations = [...byHost].filter(([k]) => k.startsWith("iterations|"));
  assert.equal(iterations.reduce((a, [, v]) => a + v, 0), 40);
  assert.equal(iterations.length, 2, "two hosts reported iterations");
  assert.deepEqual(hosts, { threads: 2, processes: 0 });
  assert.equal(scheduler.counters.iterationsCompleted, 40);
});

test("test.abort() in a worker's VU reaches the scheduler", async () => {
  const { aborts, scheduler } = await distributedRun({ abort: { executor: "constant-vus", vus: 2, duration: "5s" } }, { perProcess: 100, threads: 2, blocking: false });
  assert.deepEqual(aborts, ["from a worker"]);
  assert.ok(scheduler.counters.iterationsCompleted < 50);
});

test("VUs beyond the per-process limit run in a child process; setup data reaches every host", async () => {
  const { byHost, hosts } = await distributedRun({ s: { executor: "per-vu-iterations", vus: 3, iterations: 2 } }, { perProcess: 2, threads: 1, blocking: false });
  assert.deepEqual(hosts, { threads: 1, processes: 1 });
  const pids = new Set([...byHost.keys()].map((k) => k.split("|")[1]!.split("/")[0]));
  assert.equal(pids.size, 2, "two processes");
  assert.ok(pids.has(String(process.pid)) === true);
  assert.equal([...byHost.values()].reduce((a, v) => a + v, 0), 6);
});
