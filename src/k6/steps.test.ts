// Stepped load: the plan of steps, the step tag of a sample from its time, and each step's agents.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Agent, Population } from "../config/index.ts";
import { STOP_STEP, planSteps, stepAgents, stepTag, tagSteps } from "./steps.ts";
import { requireAgents } from "./population-check.ts";

const population = (n: number): Population => ({
  kind: "list",
  agents: Array.from({ length: n }, (_, i): Agent => ({ id: `a${i}`, password: "p", extension: `${2000 + i}`, teamId: "1", role: "agent" })),
});

test("steps: +stepSessions every stepMs up to the ceiling, the last step partial, VUs rounded up", () => {
  const plan = planSteps({ stepSessions: 100, maxSessions: 250, stepMs: 60_000, perVu: 40 });
  assert.deepEqual(plan.steps.map((s) => [s.name, s.startMs, s.first, s.added, s.sessions, s.vus]), [
    ["step_0", 0, 0, 100, 100, 3],
    ["step_1", 60_000, 100, 100, 200, 3],
    ["step_2", 120_000, 200, 50, 250, 2],
  ]);
  assert.equal(plan.endMs, 180_000);
  assert.deepEqual(planSteps({ stepSessions: 100, maxSessions: 2000, stepMs: 300_000, perVu: 1 }).steps.map((s) => s.name).slice(0, 2), ["step_00", "step_01"]);
});

test("steps: bad shapes are refused with the key at fault", () => {
  assert.throws(() => planSteps({ stepSessions: 0, maxSessions: 10, stepMs: 1000, perVu: 1 }), /stepSessions: expected a whole number ≥ 1, got 0/);
  assert.throws(() => planSteps({ stepSessions: 5, maxSessions: 2.5, stepMs: 1000, perVu: 1 }), /maxSessions/);
  assert.throws(() => planSteps({ stepSessions: 5, maxSessions: 10, stepMs: 0, perVu: 1 }), /stepMs/);
});

test("step tag: the session count of the step running at the sample's time, stop after the last step", () => {
  const plan = planSteps({ stepSessions: 3, maxSessions: 9, stepMs: 1_000, perVu: 1 });
  assert.equal(stepTag(plan, -5), "3", "before step 0's origin (clock skew): first step");
  assert.equal(stepTag(plan, Number.NaN), "3");
  assert.equal(stepTag(plan, 0), "3");
  assert.equal(stepTag(plan, 999), "3");
  assert.equal(stepTag(plan, 1_000), "6");
  assert.equal(stepTag(plan, 2_500), "9");
  assert.equal(stepTag(plan, 3_000), STOP_STEP);
  let now = 1_500;
  const seen: Record<string, string>[] = [];
  const record = tagSteps((_m, _v, tags) => void seen.push({ ...tags }), plan, () => now);
  record("xmpp_ping_rtt", 3, { target: "sim" });
  now = 2_000;
  record("xmpp_ping_rtt", 3, { target: "sim" });
  assert.deepEqual(seen, [{ target: "sim", step: "6" }, { target: "sim", step: "9" }]);
});

test("step agents: disjoint blocks per step and iteration, the remainder in the last VU, offset applied", () => {
  const plan = planSteps({ stepSessions: 5, maxSessions: 10, stepMs: 1_000, perVu: 2 });
  const pop = population(20);
  const ids = (step: number, it: number, offset = 0) => stepAgents(pop, offset, plan.steps[step]!, 2, it).map((a) => a.id);
  assert.deepEqual(ids(0, 0), ["a0", "a1"]);
  assert.deepEqual(ids(0, 2), ["a4"], "the step's last VU drives what is left of its 5 sessions");
  assert.deepEqual(ids(1, 0), ["a5", "a6"]);
  assert.deepEqual(ids(1, 2, 10), ["a19"]);
  assert.throws(() => ids(0, 3), /step_0: iteration 3 is beyond the step's 5 sessions/);
  assert.throws(() => ids(1, 2, 11), /needs agent 20, outside the population of 20/);
});

test("population check: a run needing more agents than the population fails at start, naming the load key", () => {
  assert.doesNotThrow(() => requireAgents(population(10), 2, 8, "scenarios.capacity.load.maxSessions"));
  assert.throws(() => requireAgents(population(10), 3, 8, "scenarios.capacity.load.maxSessions"),
    /scenarios\.capacity\.load\.maxSessions needs 8 agents from agents\.offset 3, but the population has 10/);
});
