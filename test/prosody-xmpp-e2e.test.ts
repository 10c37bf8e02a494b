// Generic XMPP target mode end to end against a real Prosody over WebSocket (RFC 7395), through the embedded
// k6 runtime: smoke and a 200-agent fanout deliver and time every published event; a wrong password is
// reported as the SASL failure it is (RFC 6120 §6.5.10 not-authorized) and stanza errors from the server
// (XEP-0060 §8.1.3.1 forbidden, §6.1.3.12 item-not-found) are classified, not swallowed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prosodyInstalled, startProsody, type RunningProsody } from "./support/prosody.ts";
import { runScenario, type ScenarioRun } from "./support/scenario-run.ts";
import { xmppPopulation, type XmppPopulation } from "./support/xmpp-population.ts";

const skip = prosodyInstalled() ? false : "prosody is not installed (.ci/run installs it)";

// Publishers create their nodes, which Prosody's pubsub component allows its admins only.
const SMOKE = xmppPopulation(1, 4, 1, "smoke");
const FANOUT = xmppPopulation(20, 10, 1, "fan");
const PLAIN_USERS = xmppPopulation(1, 2, 1, "plain");
const ALL = [SMOKE, FANOUT, PLAIN_USERS];

let prosody: RunningProsody | undefined;
const dirs: string[] = [];

before(async () => {
  if (skip) return;
  prosody = await startProsody({ users: ALL.flatMap((p) => p.users), admins: [...SMOKE.ids, ...FANOUT.ids] });
});

after(async () => {
  await prosody?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

// generous timeouts: the machine running the tests may be busy; correctness is what is checked here
const BEHAVIOUR = { ping: { intervalMs: 5_000, timeoutMs: 10_000, maxMisses: 2 }, eventTimeoutMs: 15_000, phaseTimeoutMs: 30_000 };

async function run(name: string, pop: XmppPopulation, target: Record<string, unknown>, scenario: Record<string, unknown>, csv = pop.csv, behaviour = BEHAVIOUR, withScram = false): Promise<ScenarioRun> {
  const p = prosody!;
  const dir = await mkdtemp(join(tmpdir(), `finesse-xmpp-${name}-`));
  dirs.push(dir);
  return runScenario(name, { target: { name: "prosody", kind: "xmpp", wsUrl: p.wsUrl, xmppDomain: p.domain, ...target }, csv }, dir, {
    behaviour, scenario, withScram,
  });
}

function count(r: ScenarioRun, metric: string): number {
  return r.metrics[metric]?.values.count ?? 0;
}

test("smoke against Prosody: every agent ready, every publish delivered to its publisher and the team's watcher", { skip, timeout: 90_000 }, async () => {
  const r = await run("smoke", SMOKE, {}, { load: { agents: 4, holdMs: 3_000, stateChangesPerMinute: 60 } });
  assert.equal(r.result.exitCode, 0, `${r.result.error ?? ""}\n${r.output}`);
  assert.equal(r.m("checks").fails, 0);
  assert.equal(r.m("xmpp_time_to_ready").count, 4);
  assert.equal(r.m("finesse_login_success").rate, 1);
  // 4 own nodes + the supervisor watching its 3 agents' nodes
  assert.equal(r.m("xmpp_subscribe").count, 4 + 3);
  const published = r.m("xmpp_publish").count!;
  assert.ok(published >= 4, `each agent published at least once (${published})`);
  assert.equal(r.m("finesse_event_delivery{role:publisher}").rate, 1);
  assert.equal(r.m("finesse_event_delivery{role:watcher}").rate, 1);
  assert.equal(count(r, "finesse_events_expected"), count(r, "finesse_events_received"));
  assert.equal(r.m("finesse_event_latency").count, count(r, "finesse_events_received"));
  assert.equal(count(r, "harness_errors"), 0);
});

test("fanout of 200 agents against Prosody: all ready, every event delivered and timed, no errors", { skip, timeout: 240_000 }, async () => {
  // 200 simultaneous WebSocket upgrades take seconds on a busy machine: a minute per login phase
  const r = await run("fanout", FANOUT, {}, { load: { teams: 20, teamBlock: 10, holdMs: 6_000, stateChangesPerMinute: 20 } }, FANOUT.csv, { ...BEHAVIOUR, phaseTimeoutMs: 60_000 });
  assert.equal(r.result.exitCode, 0, `${r.result.error ?? ""}\n${r.output.slice(-4000)}`);
  assert.equal(r.m("checks").fails, 0);
  assert.equal(r.m("xmpp_time_to_ready").count, 200);
  assert.equal(count(r, "xmpp_sessions_opened"), 200);
  assert.equal(r.m("finesse_login_success").rate, 1);
  assert.equal(r.m("finesse_event_delivery").rate, 1);
  const expected = count(r, "finesse_events_expected");
  // every publish reaches its publisher, and the team's supervisor for its 9 agents' publishes
  assert.ok(expected >= count(r, "xmpp_publish"), `${expected} deliveries expected`);
  assert.ok(count(r, "xmpp_publish") >= 200, `${count(r, "xmpp_publish")} publishes`);
  assert.equal(count(r, "finesse_events_received"), expected);
  assert.equal(count(r, "finesse_events_lost"), 0);
  assert.equal(r.m("finesse_event_latency{role:watcher}").count! + r.m("finesse_event_latency{role:publisher}").count!, expected);
  assert.equal(count(r, "harness_errors"), 0);
  if (process.env.SCENARIO_PRINT) {
    const l = r.m("finesse_event_latency");
    process.stderr.write(`fanout latency ms: p50 ${l.med} p95 ${l["p(95)"]} p99 ${l["p(99)"]}; ttr p95 ${r.m("xmpp_time_to_ready")["p(95)"]}\n`);
  }
});

test("a wrong password is reported as the SASL failure not-authorized, and fails the run", { skip, timeout: 60_000 }, async () => {
  const csv = SMOKE.csv.replace("pw-smoke2", "not-the-password");
  const r = await run("smoke", SMOKE, {}, {
    load: { agents: 4, holdMs: 1_000, stateChangesPerMinute: 60 },
    thresholds: { "harness_errors{kind:sasl,condition:not-authorized}": ["count==0"] },
  }, csv);
  assert.equal(r.result.exitCode, 99, r.output);
  assert.equal(r.m("harness_errors{kind:sasl,condition:not-authorized}").count, 1);
  assert.equal(r.m("finesse_login_success").rate, 3 / 4);
  assert.equal(r.m("xmpp_sessions_opened").count, 3);
});

test("Prosody's stanza errors are classified: forbidden node creation, item-not-found subscription", { skip, timeout: 60_000 }, async () => {
  // not admins: Prosody refuses to create their nodes
  const forbidden = await run("smoke", PLAIN_USERS, {}, {
    load: { agents: 2, holdMs: 500 },
    thresholds: { "harness_errors{kind:stanza,condition:forbidden}": ["count==0"] },
  });
  assert.equal(forbidden.result.exitCode, 99, forbidden.output);
  assert.equal(forbidden.m("harness_errors{kind:stanza,condition:forbidden}").count, 2);
  assert.equal(forbidden.m("finesse_login_success").rate, 0);
  // nodes said to be pre-created but missing: the subscription is refused
  const missing = await run("smoke", PLAIN_USERS, { createNodes: false, nodeTemplate: "absent/{id}" }, {
    load: { agents: 2, holdMs: 500 },
    thresholds: { "harness_errors{kind:stanza,condition:item-not-found}": ["count==0"] },
  });
  assert.equal(missing.result.exitCode, 99, missing.output);
  assert.equal(missing.m("harness_errors{kind:stanza,condition:item-not-found}").count, 2);
});

test("SCRAM only: a bundle built --with-scram signs every agent in with SCRAM; a default bundle refuses the config, naming the flag", { skip, timeout: 90_000 }, async () => {
  const scramOnly = { mechanisms: ["SCRAM-SHA-256", "SCRAM-SHA-1"] };
  const load = { load: { agents: 4, holdMs: 3_000, stateChangesPerMinute: 60 } };
  const r = await run("smoke", SMOKE, scramOnly, load, SMOKE.csv, BEHAVIOUR, true);
  assert.equal(r.result.exitCode, 0, `${r.result.error ?? ""}\n${r.output}`);
  assert.equal(r.m("xmpp_sessions_opened").count, 4);
  assert.equal(r.m("finesse_login_success").rate, 1);
  const plainOnly = await run("smoke", SMOKE, scramOnly, load);
  assert.notEqual(plainOnly.result.exitCode, 0);
  assert.match(`${plainOnly.result.error ?? ""}\n${plainOnly.output}`, /SCRAM-SHA-256 is not built into this bundle.*--with-scram/);
});
