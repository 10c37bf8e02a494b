// The project's own XMPP client session (src/xmpp) against the simulator: the full desktop sequence.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { nodeBase64, nodeClock, nodeConnect } from "../../test/support/node-ports.ts";
import { parseUpdate, putStateRequest, teamUsersNode, type FinesseUpdate } from "../finesse/index.ts";
import { randomIds, StreamError, XmppSession, type PubsubNotification, type SessionEvent } from "../xmpp/index.ts";
import { startSimulator, type Simulator } from "./server.ts";

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ agents: 2, supervisors: 1, ctiDelayMs: 5 });
});
after(() => sim.stop());

function session(i: number, resource: string): XmppSession {
  const u = sim.population.users[i]!;
  return new XmppSession(
    { connect: nodeConnect, clock: nodeClock, ids: randomIds(), base64: nodeBase64 },
    { url: sim.wsUrl, domain: sim.domain, username: u.id, password: u.password, authzid: "bare-jid", resource, timeouts: { close: 2000 } },
  );
}

function updates(s: XmppSession): { next(node: string): Promise<FinesseUpdate> } {
  const queue: PubsubNotification[] = [];
  let wake: (() => void) | undefined;
  s.on("pubsub", (n) => {
    queue.push(n);
    wake?.();
  });
  return {
    async next(node) {
      const deadline = Date.now() + 3000;
      for (;;) {
        const i = queue.findIndex((n) => n.node === node);
        if (i >= 0) return parseUpdate(queue.splice(i, 1)[0]!.payload!.getText());
        if (Date.now() > deadline) throw new Error(`no event on ${node}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 100);
        });
      }
    },
  };
}

async function rest(i: number, change: Parameters<typeof putStateRequest>[2], requestId: string, target?: string): Promise<number> {
  const u = sim.population.users[i]!;
  const r = putStateRequest({ id: u.id, password: u.password }, nodeBase64, change, requestId, target);
  const res = await fetch(`${sim.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body ?? null });
  await res.arrayBuffer();
  return res.status;
}

test("desktop sequence with the client session: ready on finesse presence, sign-in, READY, Team fan-out, ping, close", async () => {
  const agent = session(0, "vagent");
  const sup = session(2, "vagent");
  const events: SessionEvent[] = [];
  agent.on("event", (e) => events.push(e));
  const agentUpdates = updates(agent);
  const supUpdates = updates(sup);
  try {
    const info = await agent.connect();
    const u = sim.population.users[0]!;
    assert.equal(info.jid, `${u.id}@${sim.domain}/vagent`);
    const phases = events.filter((e) => e.kind === "phase").map((e) => e.kind === "phase" && e.phase);
    assert.deepEqual(phases, ["upgrade", "open_features", "sasl", "restart", "bind", "session", "presence", "ready"]);
    await sup.connect();
    const teamNode = teamUsersNode(u.teamId);
    const sub = await sup.subscribe(teamNode);
    assert.equal(sub.subscription, "subscribed");

    assert.equal(await rest(0, { state: "LOGIN", extension: u.extension }, "login-1"), 202);
    const login = await agentUpdates.next(`/finesse/api/User/${u.id}`);
    assert.equal(login.kind === "user" && login.user.state, "NOT_READY");
    assert.equal(login.requestId, "login-1");
    const fan = await supUpdates.next(teamNode);
    assert.equal(fan.kind === "team-user" && fan.member?.loginId, u.id);

    assert.equal(await rest(0, { state: "READY" }, "ready-1"), 202);
    const ready = await agentUpdates.next(`/finesse/api/User/${u.id}`);
    assert.equal(ready.kind === "user" && ready.user.state, "READY");

    agent.startPing({ intervalMs: 50, timeoutMs: 2000, maxMisses: 2 });
    await new Promise<void>((resolve) => agent.on("event", (e) => e.kind === "ping" && resolve()));
    agent.stopPing();

    assert.ok((await sup.subscriptions()).some((s) => s.node === teamNode));
    await sup.unsubscribe(teamNode);
    const end = await agent.close();
    assert.deepEqual(end, { clean: true, error: undefined, wasReady: true });
  } finally {
    await agent.close();
    await sup.close();
  }
});

test("a second session on the same full JID replaces the first, which ends with conflict", async () => {
  const first = session(1, "desktop");
  const second = session(1, "desktop");
  try {
    await first.connect();
    await second.connect();
    const end = await first.ended;
    assert.ok(end.error instanceof StreamError && end.error.condition === "conflict", String(end.error));
  } finally {
    await first.close();
    await second.close();
  }
});
