// login-storm, capacity and soak against a real Prosody (generic XMPP target mode, RFC 7395 WebSocket),
// through the embedded k6 runtime, at small scale: every session ready, every published event delivered and
// timed, no errors. smoke and fanout against Prosody are in prosody-xmpp-e2e.test.ts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prosodyInstalled, startProsody, type RunningProsody } from "./support/prosody.ts";
import { runScenario, type ScenarioRun } from "./support/scenario-run.ts";
import { xmppPopulation, type XmppPopulation } from "./support/xmpp-population.ts";

const skip = prosodyInstalled() ? false : "prosody is not installed (.ci/run installs it)";

const STORM = xmppPopulation(2, 4, 1, "storm");
const STEPS = xmppPopulation(1, 4, 1, "cap");
const SOAK = xmppPopulation(1, 3, 1, "soak");
const ALL = [STORM, STEPS, SOAK];

let prosody: RunningProsody | undefined;
const dirs: string[] = [];

before(async () => {
  if (skip) return;
  // publishers create their own nodes, which Prosody's pubsub component allows its admins only
  prosody = await startProsody({ users: ALL.flatMap((p) => p.users), admins: ALL.flatMap((p) => p.ids) });
});

after(async () => {
  await prosody?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

// generous timeouts: the machine running the tests may be busy; correctness is what is checked here
const BEHAVIOUR = { ping: { intervalMs: 2_000, timeoutMs: 10_000, maxMisses: 2 }, eventTimeoutMs: 15_000, phaseTimeoutMs: 30_000 };

async function run(name: string, pop: XmppPopulation, scenario: Record<string, unknown>, behaviour: Record<string, unknown> = {}): Promise<ScenarioRun> {
  const p = prosody!;
  const dir = await mkdtemp(join(tmpdir(), `finesse-xmpp-${name}-`));
  dirs.push(dir);
  return runScenario(name, { target: { name: "prosody", kind: "xmpp", wsUrl: p.wsUrl, xmppDomain: p.domain }, csv: pop.csv }, dir, {
    behaviour: { ...BEHAVIOUR, ...behaviour }, scenario,
  });
}

function count(r: ScenarioRun, metric: string): number {
  return r.metrics[metric]?.values.count ?? 0;
}

function assertHealthy(r: ScenarioRun, sessions: number): void {
  assert.equal(r.result.exitCode, 0, `${r.result.error ?? ""}\n${r.output.slice(-4000)}`);
  assert.equal(r.m("checks").fails, 0);
  assert.equal(count(r, "xmpp_sessions_opened"), sessions);
  assert.equal(r.m("finesse_login_success").rate, 1);
  assert.equal(count(r, "harness_errors"), 0);
  assert.equal(count(r, "xmpp_sessions_failed"), 0);
}

test("login-storm against Prosody: 8 sign-ins at a constant arrival rate, each agent once, all ready", { skip, timeout: 120_000 }, async () => {
  const r = await run("login-storm", STORM, { load: { agents: 8, seconds: 4, holdMs: 1_000, preAllocatedVUs: 8, maxVUs: 8 } });
  assertHealthy(r, 8);
  assert.equal(r.m("iterations").count, 8);
  assert.equal(r.m("xmpp_time_to_ready").count, 8);
  assert.equal(r.metrics.dropped_iterations?.values.count ?? 0, 0);
});

test("capacity against Prosody: two steps of held sessions, samples tagged by step, every event delivered", { skip, timeout: 120_000 }, async () => {
  const r = await run("capacity", STEPS, { load: { stepSessions: 2, maxSessions: 4, stepMs: 3_000, stateChangesPerMinute: 60 } });
  assertHealthy(r, 4);
  assert.ok(r.metrics["finesse_login_success{step:2}"] && r.metrics["finesse_login_success{step:4}"] && r.metrics["finesse_event_latency{step:4}"], `per-step submetrics: ${Object.keys(r.metrics).filter((k) => k.includes("step")).join(", ")}`);
  assert.ok(count(r, "xmpp_publish") > 0, "agents published while held");
  assert.equal(count(r, "finesse_events_received"), count(r, "finesse_events_expected"));
  assert.equal(count(r, "finesse_events_lost"), 0);
});

test("soak against Prosody: constant sessions with pings and publishes, nothing lost, no reconnects", { skip, timeout: 120_000 }, async () => {
  const r = await run("soak", SOAK, { load: { sessions: 3, durationMs: 6_000, stateChangesPerMinute: 30 } });
  assertHealthy(r, 3);
  assert.ok(count(r, "xmpp_ping_rtt") >= 3, `pings answered (${count(r, "xmpp_ping_rtt")})`);
  assert.ok(count(r, "xmpp_publish") > 0, "agents published while held");
  assert.equal(count(r, "finesse_events_received"), count(r, "finesse_events_expected"));
  assert.equal(count(r, "xmpp_reconnects"), 0);
});
