// The client session against a real XMPP server nobody here wrote: a loopback Prosody over RFC 7395.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xml } from "../xml/index.ts";
import { nodeBase64, nodeClock, nodeConnect } from "../../test/support/node-ports.ts";
import { prosodyInstalled, startProsody, type RunningProsody } from "../../test/support/prosody.ts";
import { randomIds } from "./ids.ts";
import { createNodeRequest } from "./pubsub.ts";
import { SaslError, StreamError } from "./errors.ts";
import { XmppSession } from "./session.ts";
import type { SessionOptions } from "./session-options.ts";
import type { PubsubNotification, SessionEvent } from "./session-types.ts";

// Skipped on a developer machine without prosody; under CI (which installs it) a missing prosody
// fails with startProsody's message instead.
const skip = prosodyInstalled() || process.env.CI ? false : "prosody is not installed (apt-get install prosody)";

function session(p: RunningProsody, o: Partial<SessionOptions> & { username: string; password: string }): XmppSession {
  return new XmppSession(
    { connect: nodeConnect, clock: nodeClock, ids: randomIds(), base64: nodeBase64 },
    { url: p.wsUrl, domain: p.domain, readyWhen: "echo", pubsubService: p.pubsubDomain, timeouts: { close: 2000 }, ...o },
  );
}

test("login, pubsub subscribe/publish/event, ping and close against Prosody", { skip, timeout: 30_000 }, async () => {
  const p = await startProsody({
    users: [{ name: "admin", password: "pw-admin" }, { name: "agent1", password: "pw-1" }],
    admins: ["admin"],
  });
  const sessions: XmppSession[] = [];
  try {
    const admin = session(p, { username: "admin", password: "pw-admin" });
    const agent = session(p, { username: "agent1", password: "pw-1", authzid: "bare-jid", resource: "vagent-1" });
    sessions.push(admin, agent);
    const events: SessionEvent[] = [];
    agent.on("event", (e) => events.push(e));
    const notes: PubsubNotification[] = [];
    const got = new Promise<void>((resolve) => agent.on("pubsub", (n) => (notes.push(n), resolve())));

    await admin.connect();
    const info = await agent.connect();
    assert.equal(info.jid, `agent1@${p.domain}/vagent-1`);
    const phases = events.filter((e) => e.kind === "phase").map((e) => e.kind === "phase" && e.phase);
    assert.deepEqual(phases, ["upgrade", "open_features", "sasl", "restart", "bind", "session", "presence", "ready"]);

    const node = "/finesse/api/User/agent1";
    await admin.request(createNodeRequest({ id: "", to: p.pubsubDomain, node }));
    const sub = await agent.subscribe(node);
    assert.deepEqual([sub.node, sub.jid, sub.subscription], [node, info.jid, "subscribed"]);
    const update = "<Update><event>PUT</event></Update>";
    await admin.publish(node, xml("notification", { xmlns: "urn:xmpp:push:0" }, update), { itemId: "item-1" });
    await got;
    assert.deepEqual([notes[0]!.node, notes[0]!.itemId, notes[0]!.payload?.getText(), notes[0]!.attrs.from], [node, "item-1", update, p.pubsubDomain]);
    assert.ok((await agent.subscriptions()).some((s) => s.node === node));
    await agent.unsubscribe(node);

    agent.startPing({ intervalMs: 50, timeoutMs: 2000, maxMisses: 2 });
    await new Promise<void>((resolve) => agent.on("event", (e) => e.kind === "ping" && resolve()));
    agent.stopPing();

    const end = await agent.close();
    assert.deepEqual(end, { clean: true, error: undefined, wasReady: true });
  } finally {
    for (const s of sessions) await s.close();
    await p.stop();
  }
});

test("wrong password and resource conflict against Prosody", { skip, timeout: 30_000 }, async () => {
  const p = await startProsody({ users: [{ name: "agent1", password: "pw-1" }] });
  const sessions: XmppSession[] = [];
  try {
    const bad = session(p, { username: "agent1", password: "wrong" });
    sessions.push(bad);
    await assert.rejects(bad.connect(), (e: unknown) => e instanceof SaslError && e.condition === "not-authorized");

    const first = session(p, { username: "agent1", password: "pw-1", resource: "same" });
    const second = session(p, { username: "agent1", password: "pw-1", resource: "same" });
    sessions.push(first, second);
    await first.connect();
    await second.connect();
    const end = await first.ended;
    assert.ok(end.error instanceof StreamError && end.error.condition === "conflict", `first session ended with ${String(end.error)}`);
    assert.equal(end.wasReady, true);
    assert.equal(second.state, "ready");
  } finally {
    for (const s of sessions) await s.close();
    await p.stop();
  }
});
