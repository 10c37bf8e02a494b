// scenarios/capacity.ts end to end: bundle it, start the simulator on port 0, run three steps of two held
// sessions each in the embedded k6 runtime, and read the step of every sample from `--out json`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../src/simulator/index.ts";
import { runScenario } from "./support/scenario-run.ts";

interface Point { type: string; metric: string; data: { value: number; tags: Record<string, string> } }

const countBy = (points: readonly Point[], key: string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const p of points) {
    const v = p.data.tags[key] ?? "(none)";
    out[v] = (out[v] ?? 0) + 1;
  }
  return out;
};

/** Builds capacity, writes the simulator's population and a config for it, runs the bundle with `--out json`. */
async function runCapacity(sim: Simulator, dir: string, load: Record<string, number>, behaviour: Record<string, unknown> = {}) {
  const json = join(dir, "points.json");
  const run = await runScenario("capacity", sim, dir, {
    agents: { offset: 1 },
    behaviour: { ping: { intervalMs: 1_000, timeoutMs: 2_000, maxMisses: 2 }, eventTimeoutMs: 2_000, phaseTimeoutMs: 5_000, ...behaviour },
    scenario: { load: { stepSessions: 2, maxSessions: 6, stepMs: 3_000, stateChangesPerMinute: 60, ...load } } }, [`json=${json}`]);
  const text = run.result.exitCode === 107 ? "" : await readFile(json, "utf8"); // no output file when init fails
  const points = text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Point)
    .filter((p) => p.type === "Point");
  return { ...run, points };
}

test("capacity: three steps of 2 sessions held to the end, every sample tagged with its step, thresholds pass", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-capacity-"));
  const sim = await startSimulator({ port: 0, agents: 8, supervisors: 0, teamSize: 4, ctiDelayMs: 5 });
  // the simulator's own count of sessions, sampled while the steps run: it must climb 2 → 4 → 6
  const held: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    for (let i = 0; i < 600 && sampling; i++) {
      held.push(sim.admin.stats().sessions);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const { result, metrics, points, output } = await runCapacity(sim, dir, {});
    sampling = false;
    await sampler;
    assert.equal(result.exitCode, 0, `${result.error ?? ""}\n${output}`);

    // thresholds: overall and one per step on login success and event latency
    for (const name of ["finesse_login_success", "finesse_event_delivery", "finesse_event_latency", "xmpp_time_to_ready",
      "finesse_login_success{step:2}", "finesse_login_success{step:4}", "finesse_login_success{step:6}",
      "finesse_event_latency{step:2}", "finesse_event_latency{step:4}", "finesse_event_latency{step:6}"]) {
      const t = metrics[name]?.thresholds;
      assert.ok(t && Object.values(t).length > 0 && Object.values(t).every((x) => x.ok), `${name} thresholds pass: ${JSON.stringify(t)}`);
    }
    assert.equal(metrics.checks?.values.fails, 0);
    assert.equal(metrics.checks?.values.passes, 6 * 4);
    assert.equal(metrics.finesse_event_delivery?.values.rate, 1);
    assert.ok(!("harness_errors" in metrics), output);

    const of = (metric: string) => points.filter((p) => p.metric === metric);
    const ready = of("xmpp_time_to_ready");
    const latency = of("finesse_event_latency");
    assert.equal(ready.length, 6);
    for (const p of [...ready, ...latency]) assert.ok(p.data.tags.step, `${p.metric} sample without a step tag: ${JSON.stringify(p.data.tags)}`);
    // each step's 2 sessions reach ready in their step, tagged with the sessions held once they are in
    assert.deepEqual(countBy(ready, "step"), { 2: 2, 4: 2, 6: 2 });
    assert.deepEqual(countBy(of("xmpp_sessions_opened"), "step"), { 2: 2, 4: 2, 6: 2 });
    assert.deepEqual(countBy(of("finesse_login_success"), "step"), { 2: 2, 4: 2, 6: 2 });
    // state churn in every step (1 change per second per agent), sign-outs after the last step
    const byStep = countBy(latency, "step");
    for (const s of ["2", "4", "6"]) assert.ok((byStep[s] ?? 0) > 0, `event latency samples in step ${s}: ${JSON.stringify(byStep)}`);
    assert.ok((byStep.stop ?? 0) >= 6, `sign-out events tagged stop: ${JSON.stringify(byStep)}`);
    assert.deepEqual(Object.keys(byStep).sort(), ["2", "4", "6", "stop"]);
    // pings run in every step
    assert.deepEqual(Object.keys(countBy(of("xmpp_ping_rtt"), "step")).filter((s) => s !== "stop").sort(), ["2", "4", "6"]);

    // sessions were held: the simulator's count climbed to 2, then 4, then 6 and never fell before the end
    const peak = Math.max(...held);
    assert.equal(peak, 6, `sessions held over time: ${held.join(",")}`);
    const firstAt = (n: number) => held.findIndex((x) => x >= n);
    assert.ok(firstAt(2) >= 0 && firstAt(2) < firstAt(4) && firstAt(4) < firstAt(6), `sessions climb by step: ${held.join(",")}`);
    const lastPeak = held.lastIndexOf(peak);
    assert.ok(held.slice(firstAt(1), lastPeak + 1).every((x, i, a) => i === 0 || x >= a[i - 1]!), `no session dropped: ${held.join(",")}`);
    for (const n of [2, 4]) assert.ok(held.filter((x) => x === n).length >= 3, `${n} sessions held through their step: ${held.join(",")}`);
  } finally {
    sampling = false;
    await sampler;
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("capacity: events slowed once the third step is in fail that step's thresholds only: the knee is 6 sessions (exit 99)", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-capacity-knee-"));
  const sim = await startSimulator({ port: 0, agents: 8, supervisors: 0, teamSize: 4, ctiDelayMs: 5 });
  // once the simulator holds 6 sessions (the third step is in), every event is delayed by 1.2 s (SLO: p95 < 600 ms);
  // a step is 4 s so that several slowed events arrive within it (a sample belongs to the step it is taken in)
  let slowed = false;
  let stopped = false;
  const slower = (async () => {
    for (let i = 0; i < 600 && !stopped && sim.admin.stats().sessions < 6; i++) await new Promise((r) => setTimeout(r, 50));
    if (stopped) return;
    sim.admin.setLatency({ eventMs: 1_200 });
    slowed = true;
  })();
  try {
    const { result, metrics, output } = await runCapacity(sim, dir, { latencyP95Ms: 600, stepMs: 4_000, stateChangesPerMinute: 120 }, { eventTimeoutMs: 5_000 });
    stopped = true;
    await slower;
    assert.ok(slowed, "the third step started");
    assert.equal(result.exitCode, 99, output);
    const ok = (name: string) => Object.values(metrics[name]?.thresholds ?? {}).map((t) => t.ok);
    assert.deepEqual(ok("finesse_event_latency{step:2}"), [true], output);
    assert.deepEqual(ok("finesse_event_latency{step:4}"), [true], output);
    assert.deepEqual(ok("finesse_event_latency{step:6}"), [false], output);
    assert.ok(metrics["finesse_event_latency{step:6}"]!.values["p(95)"]! >= 600);
    // the run went on past the breach (abortOnFail false): every step's sessions signed in and out
    assert.equal(metrics.xmpp_time_to_ready?.values.count, 6);
    assert.equal(metrics.finesse_login_success?.values.rate, 1);
    assert.equal(metrics.checks?.values.fails, 0);
  } finally {
    stopped = true;
    await slower;
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("capacity: a ceiling above the agent population fails at start (exit 107) naming the key", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-capacity-short-"));
  const sim = await startSimulator({ port: 0, agents: 8, supervisors: 0, teamSize: 4, ctiDelayMs: 5 });
  try {
    const { result, output } = await runCapacity(sim, dir, { maxSessions: 20 });
    assert.equal(result.exitCode, 107, output);
    assert.match(output, /scenarios\.capacity\.load\.maxSessions needs 20 agents from agents\.offset 1, but the population has 8/);
    assert.equal(sim.admin.stats().sessions, 0);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
