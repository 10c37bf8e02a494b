// scenarios/smoke.ts end to end: bundle it, start the simulator on port 0, run the bundle in the embedded
// k6 runtime, and check exit code, checks and the key metrics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildScenarios } from "../build.mjs";
import { startSimulator, type Simulator } from "../src/simulator/index.ts";
import { runScenario } from "./support/scenario-run.ts";

const SMOKE = join(import.meta.dirname, "..", "scenarios", "smoke.ts");

test("build for k6 before v1.6: the bundle imports k6/experimental/websockets instead of k6/websockets", async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-smoke-legacy-"));
  try {
    const [legacy] = await buildScenarios({ outDir: dir, entryPoints: [SMOKE], budgetBytes: 1024 * 1024, legacyWebsockets: true });
    const text = await readFile(legacy!.bundle, "utf8");
    assert.match(text, /from "k6\/experimental\/websockets"/);
    assert.doesNotMatch(text, /from "k6\/websockets"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Builds smoke, writes the simulator's population and a config for it, runs the bundle. */
async function runSmoke(sim: Simulator, dir: string, behaviour: Record<string, unknown> = {}) {
  return runScenario("smoke", sim, dir, {
    behaviour: { ping: { intervalMs: 1_000, timeoutMs: 2_000, maxMisses: 2 }, eventTimeoutMs: 3_000, phaseTimeoutMs: 5_000, ...behaviour },
    scenario: {
      load: { agents: 4, holdMs: 3_000, stateChangesPerMinute: 60 },
      // thresholds on submetrics put them in the summary
      thresholds: { "finesse_event_latency{role:self}": ["max<10000"], "finesse_event_latency{role:supervisor}": ["max<10000"] } } });
}

test("smoke: 3 agents and 1 supervisor pass every check against the simulator", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-smoke-"));
  const sim = await startSimulator({ port: 0, agents: 3, supervisors: 1, teamSize: 3, ctiDelayMs: 5 });
  try {
    const { result, metrics, output } = await runSmoke(sim, dir);
    assert.equal(result.exitCode, 0, `${result.error ?? ""}\n${output}`);
    const m = (name: string) => {
      const d = metrics[name];
      assert.ok(d, `metric ${name} present (have ${Object.keys(metrics).join(", ")})`);
      return d.values;
    };
    assert.equal(m("checks").fails, 0);
    assert.equal(m("checks").passes, 4 * 8);
    assert.equal(m("xmpp_time_to_ready").count, 4);
    assert.ok(m("xmpp_time_to_ready").min! > 0);
    assert.equal(m("xmpp_subscribe").count, 1);
    assert.equal(m("xmpp_sessions_opened").count, 4);
    assert.equal(m("finesse_login_success").rate, 1);
    assert.equal(m("finesse_event_delivery").rate, 1);
    assert.equal(metrics.finesse_events_lost?.values.count ?? 0, 0);
    assert.equal(m("finesse_event_delivery{role:self}").rate, 1);
    assert.equal(m("finesse_event_delivery{role:supervisor}").rate, 1);
    assert.equal(m("finesse_events_received").count, m("finesse_events_expected").count);
    assert.ok(m("finesse_rest_duration").count! >= 4 * 3, "SystemInfo, LOGIN and LOGOUT per agent at least");
    assert.ok(!("harness_errors" in metrics) || metrics.harness_errors!.values.count === 0);
    assert.equal(m("finesse_event_latency").count, m("finesse_events_received").count);
    // self: LOGIN, ≥ 1 change, LOGOUT for each of 4 sessions; supervisor: the same for the 3 agents
    assert.ok(m("finesse_event_latency{role:self}").count! >= 4 * 3);
    assert.ok(m("finesse_event_latency{role:supervisor}").count! >= 3 * 3);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("smoke fails (exit 99, checks and login thresholds crossed) when the simulator drops every event", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-smoke-drop-"));
  const sim = await startSimulator({ port: 0, agents: 3, supervisors: 1, teamSize: 3, ctiDelayMs: 5 });
  try {
    sim.admin.dropEvents(1);
    const { result, metrics, output } = await runSmoke(sim, dir, { eventTimeoutMs: 500 });
    assert.equal(result.exitCode, 99, output);
    assert.equal(metrics.finesse_login_success?.values.rate, 0);
    assert.ok((metrics.checks?.values.fails ?? 0) >= 4, "the sign-in check failed for every agent");
    assert.equal(metrics.finesse_event_delivery?.values.rate, 0);
    // each LOGIN event lost: 4 at the agents themselves, 3 at the supervisor (the 3 agents of its team)
    assert.equal(metrics.finesse_events_lost?.values.count, 4 + 3);
    assert.equal(metrics.finesse_events_received?.values.count ?? 0, 0);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("smoke through k6/websockets: sessions dropped mid-hold are recovered and counted (the no-loss check fails)", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-smoke-reconnect-"));
  const sim = await startSimulator({ port: 0, agents: 3, supervisors: 1, teamSize: 3, ctiDelayMs: 5 });
  let dropped = 0;
  const dropper = (async () => {
    for (let i = 0; i < 200 && sim.admin.stats().sessions < 4; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    dropped = sim.admin.dropSockets();
  })();
  try {
    const { result, metrics, output } = await runSmoke(sim, dir, { reconnect: { initialDelayMs: 100, maxDelayMs: 400, jitter: 0.5, giveUpAfterMs: 5_000 } });
    await dropper;
    assert.equal(dropped, 4, "4 sessions were ready when the sockets were dropped");
    assert.equal(result.exitCode, 99, output);
    const checks = (result.summaryData?.root_group as { checks?: { name: string; passes: number; fails: number }[] } | undefined)?.checks ?? [];
    const byName = new Map(checks.map((c) => [c.name, c]));
    assert.deepEqual({ ...byName.get("no session lost") }, { ...byName.get("no session lost"), passes: 0, fails: 4 }, output);
    for (const name of ["XMPP session ready", "signed in (NOT_READY event)", "signed out (LOGOUT event)", "session closed cleanly"]) {
      assert.equal(byName.get(name)?.fails, 0, name);
    }
    assert.equal(metrics.xmpp_reconnects?.values.count, 4);
    assert.equal(metrics.finesse_recovery_time?.values.count, 4);
    assert.equal(metrics.xmpp_sessions_opened?.values.count, 8);
    assert.equal(metrics.finesse_login_success?.values.rate, 1);
    assert.equal(metrics.finesse_forced_logouts?.values.count ?? 0, 0);
  } finally {
    await dropper;
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
