// scenarios/failover.ts end to end: bundle it, start the simulator with its fault endpoint on port 0, run the
// bundle in the embedded k6 runtime; the scenario injects the fault over HTTP and measures the recovery.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../src/simulator/index.ts";
import { runScenario } from "./support/scenario-run.ts";

async function runFailover(sim: Simulator, dir: string, load: Record<string, number | string>, extra: { secondary?: Simulator; thresholds?: Record<string, string[]> } = {}) {
  return runScenario("failover", sim, dir, {
    target: extra.secondary ? { secondary: { restUrl: extra.secondary.url } } : {},
    behaviour: {
      ping: { intervalMs: 1_000, timeoutMs: 2_000, maxMisses: 2 }, eventTimeoutMs: 2_000, phaseTimeoutMs: 5_000,
      reconnect: { initialDelayMs: 100, maxDelayMs: 400, jitter: 0.5, giveUpAfterMs: 8_000 } },
    scenario: {
      load: { agents: 4, agentsPerVu: 2, faultAtS: 2, recoveryWindowS: 3, stateChangesPerMinute: 30, ...load },
      ...(extra.thresholds ? { thresholds: extra.thresholds } : {}) } });
}

test("failover: sockets dropped once over /admin; every agent notices, reconnects and recovers; thresholds pass", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-failover-"));
  const sim = await startSimulator({ port: 0, agents: 4, supervisors: 0, ctiDelayMs: 5, admin: true });
  try {
    const { result, metrics, m, output } = await runFailover(sim, dir, { fault: "drop-sockets" });
    assert.equal(result.exitCode, 0, `${result.error ?? ""}\n${output}`);
    assert.equal(m("checks").fails, 0);
    assert.equal(m("checks").passes, 1 + 4 * 4, "fault injected, then four checks per agent");
    assert.equal(m("xmpp_reconnects").count, 4);
    assert.equal(m("xmpp_sessions_opened").count, 8);
    assert.equal(m("finesse_recovery_time").count, 4);
    assert.ok(m("finesse_recovery_time").min! > 0);
    assert.equal(m("failover_recovery_success").rate, 1);
    assert.equal(m("failover_recovery_success").passes, 4);
    assert.equal(m("failover_detection_time").count, 4);
    assert.ok(m("failover_detection_time").min! >= 0);
    assert.equal(metrics.finesse_forced_logouts?.values.count ?? 0, 0);
    assert.equal(m("finesse_login_success").rate, 1);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("failover: an out-of-service outage longer than recoveryP95Ms fails the run (exit 99) without reconnects", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-failover-oos-"));
  const sim = await startSimulator({ port: 0, agents: 2, supervisors: 0, ctiDelayMs: 5, admin: true });
  try {
    const { result, metrics, m, output } = await runFailover(sim, dir, { agents: 2, fault: "out-of-service", outOfServiceS: 2, recoveryP95Ms: 1_000, recoveryWindowS: 4 });
    assert.equal(result.exitCode, 99, output);
    assert.equal(m("checks").fails, 0, "every agent noticed and recovered; only the recovery time threshold fails");
    const recovery = m("finesse_recovery_time");
    assert.equal(recovery.count, 2);
    assert.ok(recovery.min! >= 1_000, `recovery ${recovery.min} ms spans the 2 s outage`);
    assert.equal(m("failover_recovery_success").rate, 1);
    assert.equal(metrics.xmpp_reconnects?.values.count ?? 0, 0, "the sessions stayed up");
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("failover: without the fault endpoint the fault and detection checks fail the run", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-failover-noadmin-"));
  const sim = await startSimulator({ port: 0, agents: 2, supervisors: 0, ctiDelayMs: 5 });
  try {
    // the runtime logs the POST's 404 and the hint (--admin, or fault "external") on stderr
    const { result, output } = await runFailover(sim, dir, { agents: 2, faultAtS: 1, recoveryWindowS: 1 });
    assert.equal(result.exitCode, 99, output);
    const checks = (result.summaryData?.root_group as { checks?: { name: string; passes: number; fails: number }[] } | undefined)?.checks ?? [];
    const byName = new Map(checks.map((c) => [c.name, { passes: c.passes, fails: c.fails }]));
    assert.deepEqual(byName.get("fault injected"), { passes: 0, fails: 1 });
    assert.deepEqual(byName.get("the fault was noticed"), { passes: 0, fails: 2 });
    assert.deepEqual(byName.get("signed out (LOGOUT event)"), { passes: 2, fails: 0 });
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("failover to the secondary: the primary goes out of service, agents reconnect to the secondary (wsUrl derived) and go on there", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-failover-pair-"));
  const a = await startSimulator({ port: 0, agents: 2, supervisors: 0, ctiDelayMs: 5, admin: true });
  const b = await startSimulator({ port: 0, agents: 2, supervisors: 0, ctiDelayMs: 5 });
  try {
    // the two simulators do not share agent states: each agent finds itself signed out on the secondary
    const thresholds = { finesse_forced_logouts: ["count==2"], "xmpp_reconnects{target:sim-secondary}": ["count==2"], "finesse_recovery_time{target:sim-secondary}": ["max<10000"] };
    const { result, m, output } = await runFailover(a, dir, { agents: 2, fault: "out-of-service", outOfServiceS: 10, recoveryWindowS: 3 }, { secondary: b, thresholds });
    assert.equal(result.exitCode, 0, `${result.error ?? ""}\n${output}`);
    assert.equal(m("checks").fails, 0);
    assert.equal(m("xmpp_reconnects{target:sim-secondary}").count, 2);
    assert.equal(m("finesse_recovery_time{target:sim-secondary}").count, 2);
    assert.equal(m("failover_recovery_success").rate, 1);
    assert.equal(m("finesse_forced_logouts").count, 2);
    assert.equal(m("xmpp_sessions_opened").count, 4, "one session on each node per agent");
    assert.equal(b.admin.stats().forcedLogouts, 0, "signed out cleanly on the secondary");
  } finally {
    await a.stop();
    await b.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
