// The virtual agent (src/agent) on Node against the simulator: the whole flow, reconnect after dropped
// sockets, and delivery accounting when events are dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FanoutLedger, VirtualAgent, runGroup, type AgentPorts } from "../src/agent/index.ts";
import { behaviourSchema, type Agent, type Behaviour } from "../src/config/index.ts";
import type { MetricName } from "../src/metrics/index.ts";
import { startSimulator, type Simulator } from "../src/simulator/index.ts";
import { randomIds } from "../src/xmpp/index.ts";
import { nodeBase64, nodeClock, nodeConnect } from "./support/node-ports.ts";
import { nodeHttp } from "./support/node-http.ts";

interface Sample { metric: MetricName; value: number; tags: Record<string, string> }

function harness(behaviour: Partial<Record<keyof Behaviour, unknown>>) {
  const samples: Sample[] = [];
  const ports: AgentPorts = {
    connect: nodeConnect, clock: nodeClock, base64: nodeBase64, ids: randomIds(), http: nodeHttp, random: Math.random,
    record: (metric, value, tags) => samples.push({ metric, value, tags: { ...tags } }),
  };
  const b = behaviourSchema.parse({
    ping: { intervalMs: 500, timeoutMs: 500, maxMisses: 2 },
    stateChangesPerMinute: 600,
    eventTimeoutMs: 2_000,
    phaseTimeoutMs: 5_000,
    reconnect: { initialDelayMs: 100, maxDelayMs: 400, jitter: 0.5, giveUpAfterMs: 8_000 },
    ...behaviour,
  });
  const ledger = new FanoutLedger(nodeClock, ports.record, b.eventTimeoutMs);
  const make = (sim: Simulator, agent: Agent) =>
    new VirtualAgent(ports, { agent, target: { name: "sim", restUrl: sim.url, wsUrl: sim.wsUrl }, behaviour: b, resource: "vagent", ledger });
  /** An agent of the pair primary "a" / secondary "b" (two simulators with the same population). */
  const makePair = (primary: Simulator, secondary: Simulator, agent: Agent) =>
    new VirtualAgent(ports, {
      agent, behaviour: b, resource: "vagent", ledger,
      target: { name: "a", restUrl: primary.url, wsUrl: primary.wsUrl, secondary: { name: "b", restUrl: secondary.url, wsUrl: secondary.wsUrl } },
    });
  const of = (metric: MetricName, tags: Record<string, string> = {}) =>
    samples.filter((s) => s.metric === metric && Object.entries(tags).every(([k, v]) => s.tags[k] === v));
  const sum = (metric: MetricName, tags: Record<string, string> = {}) => of(metric, tags).reduce((a, s) => a + s.value, 0);
  return { samples, ledger, make, makePair, of, sum };
}

test("agents and a supervisor go through the whole flow; every delivery is received and timed", async () => {
  const sim = await startSimulator({ port: 0, agents: 3, supervisors: 1, teamSize: 3, ctiDelayMs: 5 });
  try {
    const h = harness({});
    const agents = sim.population.users.map((u) => h.make(sim, u));
    const runs = await runGroup(agents, 1_200, h.ledger);
    for (const r of runs) {
      assert.deepEqual({ ...r.start, id: r.agent.agent.id }, { systemInfo: true, ready: true, subscribed: true, login: true, error: undefined, id: r.agent.agent.id });
      assert.ok(r.hold && r.hold.stateChanges > 0 && r.hold.stateChangesOk === r.hold.stateChanges, JSON.stringify(r.hold));
      assert.deepEqual(r.stop, { logout: true, closed: true });
    }
    assert.equal(h.of("xmpp_time_to_ready").length, 4);
    assert.equal(h.of("xmpp_subscribe").length, 1);
    assert.equal(h.sum("xmpp_sessions_opened"), 4);
    assert.equal(h.sum("xmpp_sessions_closed", { cause: "logout" }), 4);
    assert.deepEqual(h.of("harness_errors"), []);
    assert.ok(h.of("finesse_login_success").every((s) => s.value === 1));
    for (const role of ["self", "supervisor"]) {
      const expected = h.sum("finesse_events_expected", { role });
      assert.ok(expected > 0, role);
      assert.equal(h.sum("finesse_events_received", { role }), expected, role);
      assert.equal(h.sum("finesse_events_lost", { role }), 0, role);
      assert.equal(h.of("finesse_event_latency", { role }).length, expected, role);
      assert.ok(h.of("finesse_event_delivery", { role }).every((s) => s.value === 1), role);
    }
    // supervisor deliveries: 3 agents × (LOGIN + changes + LOGOUT), at least 2 each
    assert.ok(h.sum("finesse_events_expected", { role: "supervisor", node: "team" }) >= 6);
    assert.ok(h.of("finesse_rest_duration", { op: "login", status: "202" }).length === 4);
  } finally {
    await sim.stop();
  }
});

test("two supervisors of one team: each sees the other's state changes, including the first one's sign-out", async () => {
  const sim = await startSimulator({ port: 0, agents: 2, supervisors: 2, teamSize: 2, ctiDelayMs: 5 });
  try {
    const h = harness({});
    const runs = await runGroup(sim.population.users.map((u) => h.make(sim, u)), 800, h.ledger);
    for (const r of runs) assert.deepEqual(r.stop, { logout: true, closed: true });
    const expected = h.sum("finesse_events_expected", { role: "supervisor" });
    // each supervisor: the 2 agents' and the other supervisor's LOGIN, changes and LOGOUT
    assert.ok(expected >= 2 * 3 * 2, String(expected));
    assert.equal(h.sum("finesse_events_received", { role: "supervisor" }), expected);
    assert.equal(h.sum("finesse_events_lost", { role: "supervisor" }), 0);
  } finally {
    await sim.stop();
  }
});

test("an agent reconnects after the simulator drops every socket and signs out cleanly", async () => {
  const sim = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5 });
  try {
    const h = harness({ stateChangesPerMinute: 120 });
    const a = h.make(sim, sim.population.users[0]!);
    const start = await a.start();
    assert.equal(start.login, true, start.error);
    const holding = a.hold(2_500);
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(sim.admin.dropSockets() >= 1);
    const hold = await holding;
    assert.equal(hold.lost, 1);
    assert.equal(hold.recovered, 1);
    assert.equal(hold.gaveUp, false);
    assert.ok(h.sum("xmpp_reconnects", { cause: "closed" }) >= 1);
    assert.equal(h.of("finesse_recovery_time").length, 1);
    assert.equal(h.sum("xmpp_sessions_opened"), 2);
    assert.equal(h.sum("finesse_forced_logouts"), 0);
    const stop = await a.stop();
    assert.deepEqual(stop, { logout: true, closed: true });
  } finally {
    await sim.stop();
  }
});

test("dropped events count as lost: delivery ratio below 1, expected = received + lost", async () => {
  const sim = await startSimulator({ port: 0, agents: 1, supervisors: 1, teamSize: 1, ctiDelayMs: 5 });
  try {
    const h = harness({ eventTimeoutMs: 400, stateChangesPerMinute: 900 });
    const agents = sim.population.users.map((u) => h.make(sim, u));
    const sup = agents.find((a) => a.agent.role === "supervisor")!;
    const member = agents.find((a) => a.agent.role === "agent")!;
    assert.equal((await sup.start()).login, true);
    assert.equal((await member.start()).login, true);
    sim.admin.dropEvents(0.5);
    await member.hold(2_000);
    sim.admin.dropEvents(0);
    await h.ledger.settled();
    for (const role of ["self", "supervisor"]) {
      const expected = h.sum("finesse_events_expected", { role });
      const received = h.sum("finesse_events_received", { role });
      const lost = h.sum("finesse_events_lost", { role });
      assert.equal(received + lost, expected, role);
      assert.ok(lost > 0, `${role}: some deliveries lost (${lost} of ${expected})`);
      const delivery = h.of("finesse_event_delivery", { role });
      assert.ok(delivery.reduce((a, s) => a + s.value, 0) / delivery.length < 1, role);
    }
    await member.stop();
    await sup.stop();
  } finally {
    await sim.stop();
  }
});

test("a session lost longer than the presence grace: forced logout counted, agent signs in again after reconnecting", async () => {
  const sim = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5, presenceGraceMs: 300 });
  try {
    const h = harness({ stateChangesPerMinute: 60 });
    const a = h.make(sim, sim.population.users[0]!);
    assert.equal((await a.start()).login, true);
    const holding = a.hold(3_000);
    await new Promise((r) => setTimeout(r, 200));
    sim.admin.refuseConnections(true);
    sim.admin.dropSockets();
    await new Promise((r) => setTimeout(r, 900));
    sim.admin.refuseConnections(false);
    const hold = await holding;
    assert.equal(hold.recovered, 1, JSON.stringify(hold));
    assert.equal(h.sum("finesse_forced_logouts"), 1);
    assert.ok(h.sum("xmpp_reconnects") >= 2, "refused attempts are retried");
    assert.ok(h.of("harness_errors", { kind: "closed" }).length >= 1, "refused upgrades are counted as errors");
    assert.equal(h.of("finesse_rest_duration", { op: "login", status: "202" }).length, 2, "signed in again");
    assert.equal(a.signedIn, true);
    assert.deepEqual(await a.stop(), { logout: true, closed: true });
  } finally {
    await sim.stop();
  }
});

test("recovery gives up after giveUpAfterMs; sign-in fails clearly when the system is OUT_OF_SERVICE", async () => {
  const sim = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5 });
  try {
    const h = harness({ stateChangesPerMinute: 0, reconnect: { initialDelayMs: 100, maxDelayMs: 200, jitter: 0, giveUpAfterMs: 700 } });
    const a = h.make(sim, sim.population.users[0]!);
    assert.equal((await a.start()).login, true);
    sim.admin.refuseConnections(true);
    sim.admin.dropSockets();
    const hold = await a.hold(1_500);
    assert.equal(hold.gaveUp, true);
    assert.equal(hold.recovered, 0);
    assert.equal(h.of("harness_errors", { kind: "gave_up", condition: "closed" }).length, 1);
    const stop = await a.stop();
    assert.equal(stop.closed, false);

    sim.admin.refuseConnections(false);
    sim.admin.outOfService(5);
    const b = harness({});
    const report = await b.make(sim, sim.population.users[0]!).start();
    assert.equal(report.systemInfo, false);
    assert.equal(report.login, false);
    assert.match(report.error ?? "", /OUT_OF_SERVICE|503/);
    assert.deepEqual(b.of("finesse_login_success").map((s) => s.value), [0]);
    assert.equal(b.of("harness_errors").length, 1);
  } finally {
    await sim.stop();
  }
});

test("while the system is out of service the agent polls SystemInfo without counting attempts or errors", async () => {
  const sim = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5 });
  try {
    const h = harness({ stateChangesPerMinute: 0, reconnect: { initialDelayMs: 100, maxDelayMs: 200, jitter: 0, giveUpAfterMs: 8_000 } });
    const a = h.make(sim, sim.population.users[0]!);
    assert.equal((await a.start()).login, true);
    const holding = a.hold(2_500);
    await new Promise((r) => setTimeout(r, 200));
    sim.admin.outOfService(1);
    sim.admin.dropSockets();
    const hold = await holding;
    assert.equal(hold.recovered, 1);
    assert.equal(h.sum("xmpp_reconnects"), 1, "one attempt, once back in service");
    assert.ok(h.of("finesse_rest_duration", { op: "system_info" }).length >= 4, "SystemInfo polled while out of service");
    assert.ok(h.of("finesse_recovery_time")[0]!.value >= 1_000);
    assert.deepEqual(h.of("harness_errors").map((s) => s.tags.kind), ["closed"], "only the dropped connection");
    assert.deepEqual(await a.stop(), { logout: true, closed: true });
  } finally {
    await sim.stop();
  }
});

test("bad credentials and an unreachable server fail the sign-in with typed harness errors", async () => {
  const sim = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5 });
  try {
    const h = harness({});
    const user = sim.population.users[0]!;
    const bad = await h.make(sim, { ...user, password: "wrong" }).start();
    assert.equal(bad.systemInfo, false);
    assert.match(bad.error ?? "", /401/);
    assert.deepEqual(h.of("harness_errors").map((s) => [s.tags.kind, s.tags.condition]), [["finesse_api", "Authorization Failure"]]);
    assert.deepEqual(h.of("finesse_rest_duration").map((s) => [s.tags.op, s.tags.status]), [["system_info", "401"]]);
  } finally {
    await sim.stop();
  }
  const h = harness({});
  const down = await h.make(sim, sim.population.users[0]!).start(); // stopped: connection refused
  assert.equal(down.login, false);
  assert.deepEqual(h.of("harness_errors").map((s) => [s.tags.kind, s.tags.condition]), [["http", "no_response"]]);
  assert.deepEqual(h.of("finesse_rest_duration").map((s) => s.tags.status), ["0"]);
  assert.deepEqual(h.of("finesse_login_success").map((s) => s.value), [0]);
});

/** Two simulators with the same population: a primary/secondary pair. */
async function startPair(): Promise<[Simulator, Simulator]> {
  const a = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5 });
  const b = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5 }).catch(async (e: unknown) => {
    await a.stop();
    throw e;
  });
  return [a, b];
}

test("failover: the primary stops; the agent reconnects to the secondary, signs in there and signs out cleanly", async () => {
  const [a, b] = await startPair();
  try {
    const h = harness({ stateChangesPerMinute: 120 });
    const agent = h.makePair(a, b, a.population.users[0]!);
    assert.equal((await agent.start()).login, true);
    assert.equal(agent.node, "a");
    const holding = agent.hold(3_000);
    await new Promise((r) => setTimeout(r, 400));
    await a.stop();
    const hold = await holding;
    assert.equal(hold.recovered, 1, JSON.stringify(hold));
    assert.equal(hold.losses.length, 1);
    const loss = hold.losses[0]!;
    assert.deepEqual({ from: loss.from, to: loss.to, cause: loss.cause }, { from: "a", to: "b", cause: "closed" });
    assert.ok(loss.recoveredAt! >= loss.at);
    assert.equal(agent.node, "b");
    assert.equal(h.sum("xmpp_reconnects", { target: "b", cause: "closed" }), 1);
    assert.equal(h.sum("xmpp_reconnects", { target: "a" }), 0, "no attempt on a node that does not answer");
    assert.deepEqual(h.of("finesse_recovery_time").map((s) => s.tags.target), ["b"]);
    // the secondary simulator keeps its own agent states: the agent finds itself signed out and signs in again
    assert.equal(h.sum("finesse_forced_logouts", { target: "b" }), 1);
    assert.equal(h.of("finesse_rest_duration", { op: "login", status: "202", target: "b" }).length, 1);
    assert.ok(hold.stateChangesOk > 0 && h.of("finesse_event_latency", { target: "b" }).length > 0, "state changes go on at the secondary");
    assert.equal(b.admin.stats().sessions, 1);
    assert.deepEqual(await agent.stop(), { logout: true, closed: true });
  } finally {
    await a.stop();
    await b.stop();
  }
});

test("failover: the primary answers SystemInfo but refuses connections; after 2 failed attempts the secondary is used", async () => {
  const [a, b] = await startPair();
  try {
    const h = harness({ stateChangesPerMinute: 0 });
    const agent = h.makePair(a, b, a.population.users[0]!);
    assert.equal((await agent.start()).login, true);
    const holding = agent.hold(3_000);
    await new Promise((r) => setTimeout(r, 200));
    a.admin.refuseConnections(true);
    a.admin.dropSockets();
    const hold = await holding;
    assert.equal(hold.recovered, 1, JSON.stringify(hold));
    assert.equal(agent.node, "b");
    assert.equal(h.sum("xmpp_reconnects", { target: "a" }), 2, "two attempts on the primary");
    assert.equal(h.of("harness_errors", { target: "a", kind: "closed" }).length, 3, "the drop and two refused upgrades");
    assert.equal(h.sum("xmpp_reconnects", { target: "b" }), 1);
    assert.deepEqual(await agent.stop(), { logout: true, closed: true });
  } finally {
    await a.stop();
    await b.stop();
  }
});

test("failover prefers the current side: a primary still in service is reconnected to; the secondary is not touched", async () => {
  const [a, b] = await startPair();
  try {
    const h = harness({ stateChangesPerMinute: 60 });
    const agent = h.makePair(a, b, a.population.users[0]!);
    assert.equal((await agent.start()).login, true);
    const holding = agent.hold(1_500);
    await new Promise((r) => setTimeout(r, 200));
    a.admin.dropSockets();
    const hold = await holding;
    assert.equal(hold.recovered, 1);
    assert.equal(agent.node, "a");
    assert.deepEqual(h.of("finesse_rest_duration", { target: "b" }), []);
    assert.equal(h.sum("finesse_forced_logouts"), 0);
    assert.deepEqual(await agent.stop(), { logout: true, closed: true });
  } finally {
    await a.stop();
    await b.stop();
  }
});

test("an OUT_OF_SERVICE event with the session up is an outage: no reconnect, recovery timed to IN_SERVICE", async () => {
  const sim = await startSimulator({ port: 0, agents: 1, supervisors: 0, ctiDelayMs: 5 });
  try {
    const h = harness({ stateChangesPerMinute: 60, reconnect: { initialDelayMs: 2_000, maxDelayMs: 5_000, jitter: 0, giveUpAfterMs: 8_000 } });
    const agent = h.make(sim, sim.population.users[0]!);
    assert.equal((await agent.start()).login, true);
    const holding = agent.hold(2_500);
    await new Promise((r) => setTimeout(r, 200));
    sim.admin.outOfService(1);
    const hold = await holding;
    assert.deepEqual({ lost: hold.lost, recovered: hold.recovered, cause: hold.losses[0]?.cause }, { lost: 1, recovered: 1, cause: "out_of_service" });
    const recovery = h.of("finesse_recovery_time", { cause: "out_of_service" });
    assert.equal(recovery.length, 1);
    // the IN_SERVICE event ends the wait: recovery ≈ the 1 s outage, not the first backoff poll at 2 s
    assert.ok(recovery[0]!.value >= 800 && recovery[0]!.value < 1_700, String(recovery[0]!.value));
    assert.equal(h.sum("xmpp_reconnects"), 0);
    assert.equal(h.sum("xmpp_sessions_opened"), 1);
    assert.deepEqual(h.of("harness_errors"), []);
    assert.deepEqual(await agent.stop(), { logout: true, closed: true });
  } finally {
    await sim.stop();
  }
});

test("failover during an OUT_OF_SERVICE outage: the secondary in service is used; the session on the primary is closed", async () => {
  const [a, b] = await startPair();
  try {
    const h = harness({ stateChangesPerMinute: 0 });
    const agent = h.makePair(a, b, a.population.users[0]!);
    assert.equal((await agent.start()).login, true);
    const holding = agent.hold(2_000);
    await new Promise((r) => setTimeout(r, 200));
    a.admin.outOfService(10);
    const hold = await holding;
    assert.deepEqual(hold.losses.map((l) => [l.cause, l.from, l.to]), [["out_of_service", "a", "b"]]);
    assert.equal(h.sum("xmpp_sessions_closed", { cause: "failover", target: "a" }), 1);
    assert.equal(a.admin.stats().sessions, 0);
    assert.equal(h.sum("xmpp_reconnects", { target: "b", cause: "out_of_service" }), 1);
    assert.deepEqual(await agent.stop(), { logout: true, closed: true });
  } finally {
    await a.stop();
    await b.stop();
  }
});
