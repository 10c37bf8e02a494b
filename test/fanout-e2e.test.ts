// scenarios/fanout.ts end to end: bundle it, start the simulator on port 0 (two teams of 3 agents and
// 1 supervisor), run the bundle in the embedded k6 runtime and check delivery and latency per subscriber.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../src/simulator/index.ts";
import { runScenario } from "./support/scenario-run.ts";

async function runFanout(sim: Simulator, dir: string, load: Record<string, number>, behaviour: Record<string, unknown> = {}) {
  return runScenario("fanout", sim, dir, {
    behaviour: { ping: { intervalMs: 1_000, timeoutMs: 2_000, maxMisses: 2 }, eventTimeoutMs: 2_000, phaseTimeoutMs: 5_000, ...behaviour },
    scenario: { load: { teams: 2, teamBlock: 4, holdMs: 3_000, stateChangesPerMinute: 60, ...load } } });
}

test("fanout: two teams, every event delivered to the agent and its supervisor, latency per subscriber", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-fanout-"));
  const sim = await startSimulator({ port: 0, agents: 6, supervisors: 2, teamSize: 3, ctiDelayMs: 5 });
  try {
    const { result, metrics, m, output } = await runFanout(sim, dir, {});
    assert.equal(result.exitCode, 0, `${result.error ?? ""}\n${output}`);
    assert.equal(m("checks").fails, 0);
    assert.equal(m("checks").passes, 2 + 8 * 5, "one layout check per VU, five per agent");
    assert.equal(m("xmpp_time_to_ready").count, 8);
    assert.equal(m("xmpp_subscribe").count, 2, "one Team node per supervisor");
    assert.equal(m("finesse_login_success").rate, 1);
    assert.equal(m("finesse_event_delivery").rate, 1);
    assert.equal(m("finesse_event_delivery{role:self}").rate, 1);
    assert.equal(m("finesse_event_delivery{role:supervisor}").rate, 1);
    assert.equal(metrics.finesse_events_lost?.values.count ?? 0, 0);
    assert.equal(m("finesse_events_received").count, m("finesse_events_expected").count);
    assert.equal(m("finesse_event_latency").count, m("finesse_events_received").count);
    // self: LOGIN, ≥ 1 change, LOGOUT for 8 sessions; supervisors: the same for their 3 agents each
    const self = m("finesse_event_latency{role:self}");
    const sup = m("finesse_event_latency{role:supervisor}");
    assert.ok(self.count! >= 8 * 3, `self events ${self.count}`);
    assert.ok(sup.count! >= 2 * 3 * 3, `supervisor events ${sup.count}`);
    for (const v of [self, sup]) {
      assert.ok(v.min! >= 0 && v["p(95)"]! < 2_000, `latency p95 ${v["p(95)"]} ms below the default bound`);
    }
    assert.ok(!("harness_errors" in metrics) || metrics.harness_errors!.values.count === 0);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("fanout: events dropped by the simulator lower the delivery ratio and fail the run (exit 99)", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-fanout-drop-"));
  const sim = await startSimulator({ port: 0, agents: 6, supervisors: 2, teamSize: 3, ctiDelayMs: 5 });
  try {
    sim.admin.dropEvents(0.25);
    const { result, m, output } = await runFanout(sim, dir, {}, { eventTimeoutMs: 800 });
    assert.equal(result.exitCode, 99, output);
    const ratio = m("finesse_event_delivery").rate!;
    assert.ok(ratio > 0 && ratio < 1, `delivery ratio ${ratio} between 0 and 1`);
    assert.ok(m("finesse_events_lost").count! > 0);
    assert.ok(m("finesse_events_received").count! > 0);
    assert.ok(sim.admin.stats().dropped > 0);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
