import { test } from "node:test";
import assert from "node:assert/strict";
import { DOMAIN, FULL_JID, harness, playLogin, type Harness } from "./session-harness.ts";
import { unframe } from "./framing.ts";
import { iq } from "./stanza.ts";
import { xml } from "../xml/index.ts";
import { StanzaError, TimeoutError } from "./errors.ts";
import type { SessionOptions } from "./session-options.ts";

async function ready(options: Partial<SessionOptions> = {}): Promise<Harness> {
  const h = harness(options);
  const p = h.session.connect();
  playLogin(h);
  await p;
  h.t.take();
  h.events.length = 0;
  return h;
}

function lastSent(h: Harness) {
  return unframe(h.t.sent[h.t.sent.length - 1]!).el;
}

test("request() correlates the result by id and assigns an id when missing", async () => {
  const h = await ready();
  const p = h.session.request(iq({ type: "get", id: "", to: DOMAIN }, xml("query", { xmlns: "jabber:iq:version" })));
  const sent = lastSent(h);
  assert.equal(sent.attrs.id, "c3");
  assert.equal(sent.attrs.xmlns, "jabber:client");
  h.t.receive(`<iq type="result" id="other" from="${DOMAIN}"/>`);
  h.t.receive(`<iq type="result" id="c3" from="evil@${DOMAIN}"/>`);
  h.t.receive(`<iq type="result" id="c3" from="${DOMAIN}"><query xmlns="jabber:iq:version"><name>Openfire</name></query></iq>`);
  const reply = await p;
  assert.equal(reply.getChild("query")?.getChildText("name"), "Openfire", "replies from other senders are ignored");
  assert.equal(h.clock.pending, 0);
});

test("request() rejects with StanzaError on an error reply and TimeoutError after its timeout", async () => {
  const h = await ready({ timeouts: { request: 3000 } });
  const p1 = h.session.request(iq({ type: "set", id: "e1", to: `pubsub.${DOMAIN}` }, xml("pubsub", { xmlns: "http://jabber.org/protocol/pubsub" })));
  h.t.receive(`<iq type="error" id="e1" from="pubsub.${DOMAIN}"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`);
  await assert.rejects(p1, (e: unknown) => e instanceof StanzaError && e.condition === "item-not-found" && e.type === "cancel");
  const p2 = h.session.request(iq({ type: "get", id: "t1", to: DOMAIN }, xml("query", { xmlns: "urn:x" })));
  h.clock.advance(2999);
  h.clock.advance(1);
  await assert.rejects(p2, (e: unknown) => e instanceof TimeoutError && e.phase === "iq query" && e.ms === 3000);
  h.t.receive(`<iq type="result" id="t1" from="${DOMAIN}"/>`);
  assert.equal(h.session.state, "ready", "a late reply is ignored");
  const p3 = h.session.request(iq({ type: "get", id: "t2", to: DOMAIN }, xml("q")), 50);
  h.clock.advance(50);
  await assert.rejects(p3, TimeoutError);
  assert.equal(h.clock.pending, 0);
});

test("request() refuses a non-iq and a duplicate pending id", async () => {
  const h = await ready();
  await assert.rejects(h.session.request(xml("message", {})), /takes an iq get or set/);
  await assert.rejects(h.session.request(iq({ type: "result", id: "r" })), /takes an iq get or set/);
  void h.session.request(iq({ type: "get", id: "dup", to: DOMAIN }, xml("q")));
  await assert.rejects(h.session.request(iq({ type: "get", id: "dup", to: DOMAIN }, xml("q"))), /already pending/);
});

test("subscribe sends the full JID to the pubsub service and reads the subscription", async () => {
  const h = await ready();
  const p = h.session.subscribe("/finesse/api/Team/5005/Users");
  const sent = h.t.sent[h.t.sent.length - 1]!;
  assert.equal(
    sent,
    `<iq xmlns="jabber:client" type="set" id="c3" to="pubsub.${DOMAIN}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscribe node="/finesse/api/Team/5005/Users" jid="${FULL_JID}"/></pubsub></iq>`,
  );
  h.t.receive(
    `<iq type="result" from="pubsub.${DOMAIN}" to="${FULL_JID}" id="c3"><pubsub xmlns="http://jabber.org/protocol/pubsub">` +
      `<subscription node="/finesse/api/Team/5005/Users" jid="${FULL_JID}" subscription="subscribed"><subscribe-options/></subscription></pubsub></iq>`,
  );
  assert.deepEqual(await p, { node: "/finesse/api/Team/5005/Users", jid: FULL_JID, subscription: "subscribed", subid: undefined });
});

test("unsubscribe, subscriptions and publish round-trip", async () => {
  const h = await ready({ pubsubService: "ps.example" });
  const u = h.session.unsubscribe("/n");
  assert.equal(lastSent(h).getChild("pubsub")?.getChild("unsubscribe")?.attrs.jid, FULL_JID);
  assert.equal(lastSent(h).attrs.to, "ps.example");
  h.t.receive(`<iq type="result" id="${lastSent(h).attrs.id}" from="ps.example"/>`);
  await u;

  const s = h.session.subscriptions();
  h.t.receive(
    `<iq type="result" id="${lastSent(h).attrs.id}" from="ps.example"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscriptions>` +
      `<subscription node="/a" jid="${FULL_JID}" subscription="subscribed" subid="s1"/><subscription node="/b" jid="${FULL_JID}" subscription="pending"/></subscriptions></pubsub></iq>`,
  );
  assert.deepEqual((await s).map((x) => [x.node, x.subscription, x.subid]), [["/a", "subscribed", "s1"], ["/b", "pending", undefined]]);

  const pub = h.session.publish("/a", xml("entry", { xmlns: "urn:x" }, "hi"), { itemId: "i1" });
  assert.equal(lastSent(h).getChild("pubsub")?.getChild("publish")?.getChild("item")?.attrs.id, "i1");
  h.t.receive(`<iq type="result" id="${lastSent(h).attrs.id}" from="ps.example"><pubsub xmlns="http://jabber.org/protocol/pubsub"><publish node="/a"><item id="i1"/></publish></pubsub></iq>`);
  assert.deepEqual(await pub, ["i1"]);
});

test("ping: RTT on reply, misses on timeout, dead after maxMisses consecutive misses", async () => {
  const h = await ready();
  h.session.startPing({ intervalMs: 1000, timeoutMs: 500, maxMisses: 2 });
  assert.deepEqual(h.t.sent, [], "the first ping waits one interval");
  h.clock.advance(1000);
  const ping = lastSent(h);
  assert.equal(h.t.sent[0], `<iq xmlns="jabber:client" type="get" id="${ping.attrs.id}" to="${DOMAIN}"><ping xmlns="urn:xmpp:ping"/></iq>`);
  h.clock.advance(30);
  h.t.receive(`<iq type="result" id="${ping.attrs.id}" from="${DOMAIN}" to="${FULL_JID}"/>`);
  assert.deepEqual(h.events, [{ kind: "ping", rttMs: 30 }]);

  h.clock.advance(970); // next ping at t = 2000 (one interval after the previous one was sent)
  assert.equal(h.t.sent.length, 2);
  h.clock.advance(500);
  assert.equal(h.events[1]?.kind, "ping_miss");
  assert.equal(h.events[1]?.kind === "ping_miss" && h.events[1].misses, 1);
  h.clock.advance(500); // ping 3 at t = 3000
  assert.equal(h.t.sent.length, 3);
  const p3 = lastSent(h);
  h.clock.advance(10);
  h.t.receive(`<iq type="error" id="${p3.attrs.id}" from="${DOMAIN}"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`);
  assert.deepEqual(h.events[2], { kind: "ping", rttMs: 10 }, "an error reply still proves the server is alive; misses reset");

  h.clock.advance(990 + 500);
  h.clock.advance(500 + 500);
  assert.deepEqual(h.events.slice(3).map((e) => e.kind), ["ping_miss", "ping_miss", "ping_dead"]);
  const end = await h.session.ended;
  assert.ok(end.error instanceof TimeoutError && end.error.phase === "ping" && end.error.ms === 500);
  assert.equal(end.wasReady, true);
  assert.equal(h.clock.pending, 0);
  assert.equal(h.t.sent[h.t.sent.length - 1], `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
});

test("ping starts by itself at ready when configured, and stopPing stops it", async () => {
  const h = harness({ ping: { intervalMs: 1000, timeoutMs: 1000, maxMisses: 2 } });
  const p = h.session.connect();
  playLogin(h);
  await p;
  const before = h.t.sent.length;
  h.clock.advance(1000);
  assert.equal(h.t.sent.length, before + 1);
  assert.match(h.t.sent[before]!, /urn:xmpp:ping/);
  h.session.stopPing();
  assert.equal(h.clock.pending, 1, "only the outstanding ping request's timeout remains");
  h.clock.advance(5000);
  assert.equal(h.t.sent.length, before + 1);
  assert.equal(h.session.state, "ready", "a stopped keepalive never declares the stream dead");
});

test("closing while a ping is in flight leaves no timer", async () => {
  const h = await ready();
  h.session.startPing({ intervalMs: 100, timeoutMs: 5000, maxMisses: 2 });
  h.clock.advance(100);
  const closing = h.session.close();
  h.t.receive(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
  assert.equal((await closing).clean, true);
  assert.equal(h.clock.pending, 0);
});
