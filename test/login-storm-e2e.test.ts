// scenarios/login-storm.ts end to end: bundle it, start the simulator on port 0, run a small storm of
// sign-ins at a constant arrival rate through the embedded k6 runtime.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../src/simulator/index.ts";
import { runScenario } from "./support/scenario-run.ts";

async function runStorm(sim: Simulator, dir: string, load: Record<string, number>) {
  return runScenario("login-storm", sim, dir, {
    behaviour: { ping: { intervalMs: 1_000, timeoutMs: 2_000, maxMisses: 2 }, eventTimeoutMs: 2_000, phaseTimeoutMs: 5_000 },
    scenario: { load, thresholds: { "xmpp_time_to_ready{target:sim}": ["p(95)<5000"] } } });
}

test("login-storm: 12 sign-ins in 6 s (both supervisors among them), each agent once, all ready and signed in", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-storm-"));
  const sim = await startSimulator({ port: 0, agents: 20, supervisors: 2, teamSize: 10, ctiDelayMs: 5 });
  try {
    // one VU per sign-in, so none is dropped however slow a busy machine makes the iterations
    const { result, metrics, m, output } = await runStorm(sim, dir, { agents: 12, seconds: 6, holdMs: 1_000, preAllocatedVUs: 12, maxVUs: 12 });
    assert.equal(result.exitCode, 0, `${result.error ?? ""}\n${output}`);
    assert.equal(m("iterations").count, 12);
    assert.equal(m("xmpp_time_to_ready").count, 12, "one time-to-ready per login");
    assert.equal(m("xmpp_sessions_opened").count, 12);
    assert.equal(m("xmpp_subscribe").count, 2, "rows 0 and 11 are the supervisors of teams 1 and 2");
    const ttr = m("xmpp_time_to_ready{target:sim}");
    assert.ok(ttr.min! > 0 && ttr["p(95)"]! >= ttr.med! && ttr.max! >= ttr["p(95)"]!, JSON.stringify(ttr));
    assert.equal(m("finesse_login_success").rate, 1);
    assert.equal(m("checks").passes, 12 * 4);
    assert.equal(m("checks").fails, 0);
    assert.equal(metrics.dropped_iterations?.values.count ?? 0, 0);
    assert.ok(!("harness_errors" in metrics) || metrics.harness_errors!.values.count === 0);
    // every user signed in and out once: no session left, nobody forced out
    assert.equal(sim.admin.stats().sessions, 0);
    assert.equal(sim.admin.stats().forcedLogouts, 0);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("login-storm: too few VUs for the arrival rate drop sign-ins and fail the run (exit 99)", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-storm-vus-"));
  const sim = await startSimulator({ port: 0, agents: 10, supervisors: 0, teamSize: 10, ctiDelayMs: 5 });
  try {
    const { result, m, output } = await runStorm(sim, dir, { agents: 10, seconds: 2, holdMs: 1_500, preAllocatedVUs: 1, maxVUs: 1 });
    assert.equal(result.exitCode, 99, output);
    const dropped = m("dropped_iterations").count!;
    assert.ok(dropped > 0, `dropped ${dropped}`);
    assert.equal(m("iterations").count! + dropped, 10, "every arrival either ran or was dropped");
    assert.equal(m("finesse_login_success").rate, 1, "the sign-ins that ran succeeded");
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
