// scenarios/soak.ts end to end: bundle it, start the simulator on port 0, hold a few sessions for a few
// seconds with fast pings and churn in the embedded k6 runtime; then the same with sockets dropped mid-run,
// where the reconnect bound fails the run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../src/simulator/index.ts";
import { runScenario } from "./support/scenario-run.ts";

interface MetricData { type: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }

async function runSoak(sim: Simulator, dir: string, load: Record<string, number>, behaviour: Record<string, unknown> = {}) {
  return runScenario("soak", sim, dir, {
    behaviour: {
      ping: { intervalMs: 500, timeoutMs: 2_000, maxMisses: 2 }, eventTimeoutMs: 2_000, phaseTimeoutMs: 5_000, agentsPerVu: 2, ...behaviour },
    scenario: { load: { sessions: 3, durationMs: 8_000, stateChangesPerMinute: 30, ...load } } });
}

const verdicts = (m: MetricData | undefined) => Object.values(m?.thresholds ?? {}).map((t) => t.ok);

test("soak: 3 sessions held for 8 s with pings and churn, every event delivered, no reconnect, thresholds pass", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-soak-"));
  const sim = await startSimulator({ port: 0, agents: 4, supervisors: 0, teamSize: 4, ctiDelayMs: 5 });
  try {
    const { result, metrics, output } = await runSoak(sim, dir, {});
    assert.equal(result.exitCode, 0, `${result.error ?? ""}\n${output}`);
    for (const name of ["checks", "finesse_login_success", "finesse_event_delivery", "finesse_event_latency", "finesse_forced_logouts", "xmpp_reconnects"]) {
      const v = verdicts(metrics[name]);
      assert.ok(v.length > 0 && v.every((ok) => ok), `${name} thresholds pass: ${JSON.stringify(metrics[name]?.thresholds)}`);
    }
    assert.equal(metrics.checks?.values.passes, 3 * 4, "four checks for each of 3 sessions (2 VUs: 2 + 1)");
    assert.equal(metrics.xmpp_time_to_ready?.values.count, 3);
    assert.equal(metrics.iterations?.values.count, 2);
    // pings every 500 ms for 8 s on 3 sessions
    const pings = metrics.xmpp_ping_rtt?.values.count ?? 0;
    assert.ok(pings >= 3 * 8, `ping round trips recorded: ${pings}`);
    assert.equal(metrics.xmpp_ping_misses?.values.count ?? 0, 0);
    assert.equal(metrics.xmpp_reconnects?.values.count ?? 0, 0);
    assert.equal(metrics.finesse_forced_logouts?.values.count ?? 0, 0);
    assert.equal(metrics.finesse_event_delivery?.values.rate, 1);
    assert.equal(metrics.finesse_events_lost?.values.count ?? 0, 0);
    // churn: LOGIN, LOGOUT and a change about every 2 s per session
    assert.ok((metrics.finesse_event_latency?.values.count ?? 0) >= 3 * 4, `events: ${metrics.finesse_event_latency?.values.count}`);
    assert.equal(metrics.xmpp_sessions_closed?.values.count, 3);
    assert.ok(!("harness_errors" in metrics), output);
    for (let i = 0; i < 40 && sim.admin.stats().sessions > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(sim.admin.stats().sessions, 0, "every session closed at the end");
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("soak: sockets dropped mid-run are recovered and counted; above maxReconnects the run fails (exit 99)", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-soak-drop-"));
  const sim = await startSimulator({ port: 0, agents: 4, supervisors: 0, teamSize: 4, ctiDelayMs: 5 });
  let dropped = 0;
  const dropper = (async () => {
    for (let i = 0; i < 200 && sim.admin.stats().sessions < 3; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_000));
    dropped = sim.admin.dropSockets();
  })();
  try {
    const { result, metrics, output } = await runSoak(sim, dir, { durationMs: 6_000, maxReconnects: 1 },
      { reconnect: { initialDelayMs: 100, maxDelayMs: 400, jitter: 0.5, giveUpAfterMs: 4_000 } });
    await dropper;
    assert.equal(dropped, 3, "3 sessions were held when the sockets were dropped");
    assert.equal(result.exitCode, 99, output);
    const reconnects = metrics.xmpp_reconnects?.values.count ?? 0;
    assert.ok(reconnects >= 3, `one reconnect per dropped session at least: ${reconnects}`);
    assert.deepEqual(verdicts(metrics.xmpp_reconnects), [false]);
    assert.equal(metrics.finesse_recovery_time?.values.count, 3, "every dropped session recovered");
    assert.deepEqual(verdicts(metrics.finesse_forced_logouts), [true], "recovered before Finesse would sign the agent out");
    assert.equal(metrics.finesse_login_success?.values.rate, 1);
  } finally {
    await dropper;
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
