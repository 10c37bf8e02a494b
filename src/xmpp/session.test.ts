import { test } from "node:test";
import assert from "node:assert/strict";
import { DOMAIN, FULL_JID, harness, lastIqId, playLogin } from "./session-harness.ts";
import { base64 } from "./fakes.ts";
import { bindResult } from "./bind.ts";
import { serverOpen, unframe } from "./framing.ts";
import { saslSuccess } from "./sasl.ts";
import { XmppSession } from "./session.ts";
import { sequentialIds } from "./ids.ts";
import { FakeClock, fakeConnect } from "./fakes.ts";
import { OptionError } from "./errors.ts";
import { features, BIND_FEATURES, PLAIN_FEATURES } from "./session-harness.ts";
import { bindFeature } from "./bind.ts";

test("happy path: every client frame, phase durations and readiness on presence from finesse@domain", async () => {
  const h = harness();
  const ready = h.session.connect();
  const t = h.t;
  assert.equal(t.url, `wss://${DOMAIN}:8445/ws/`);
  assert.deepEqual(t.protocols, ["xmpp"]);
  assert.equal(h.session.state, "connecting");

  h.clock.advance(3);
  t.open();
  assert.deepEqual(t.take(), [`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${DOMAIN}" version="1.0"/>`]);

  h.clock.advance(1);
  t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  assert.deepEqual(t.take(), [], "nothing is sent before the features arrive");
  t.receive(PLAIN_FEATURES);
  const [auth] = t.take();
  const authEl = unframe(auth!).el;
  assert.equal(authEl.attrs.xmlns, "urn:ietf:params:xml:ns:xmpp-sasl");
  assert.equal(authEl.attrs.mechanism, "PLAIN");
  assert.equal(base64.decode(authEl.getText()), "\u00001001001\u0000secret");

  h.clock.advance(2);
  t.receive(saslSuccess().toString());
  assert.deepEqual(t.take(), [`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${DOMAIN}" version="1.0"/>`], "stream restart");

  h.clock.advance(1);
  t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
  t.receive(BIND_FEATURES);
  const [bind] = t.take();
  assert.equal(bind, `<iq xmlns="jabber:client" type="set" id="c1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>vagent-test</resource></bind></iq>`);

  h.clock.advance(4);
  t.receive(bindResult(unframe(bind!).el, FULL_JID).toString());
  assert.deepEqual(t.take(), [`<iq xmlns="jabber:client" type="set" id="c2"><session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>`]);
  assert.equal(h.session.jid, FULL_JID);

  h.clock.advance(5);
  t.receive(`<iq xmlns="jabber:client" type="result" id="c2"/>`);
  assert.deepEqual(t.take(), [`<presence xmlns="jabber:client"><priority>0</priority></presence>`]);
  assert.equal(h.session.state, "presence");

  h.clock.advance(6);
  t.receive(`<presence xmlns="jabber:client" from="other@${DOMAIN}/x"/>`);
  assert.equal(h.session.state, "presence", "presence from another user does not make the session ready");
  t.receive(`<presence xmlns="jabber:client" from="finesse@${DOMAIN}/Finesse" to="${FULL_JID}"/>`);
  assert.equal(h.session.state, "ready");
  assert.deepEqual(await ready, { jid: FULL_JID, streamId: "s2" });

  assert.deepEqual(h.events, [
    { kind: "phase", phase: "upgrade", ms: 3 },
    { kind: "phase", phase: "open_features", ms: 1 },
    { kind: "phase", phase: "sasl", ms: 2 },
    { kind: "phase", phase: "restart", ms: 1 },
    { kind: "phase", phase: "bind", ms: 4 },
    { kind: "phase", phase: "session", ms: 5 },
    { kind: "phase", phase: "presence", ms: 6 },
    { kind: "phase", phase: "ready", ms: 22 },
  ]);
  assert.equal(h.clock.pending, 0, "no timer stays armed while ready without ping");
});

test("authzid bare-jid sends Strophe's PLAIN form", () => {
  const h = harness({ authzid: "bare-jid" });
  void h.session.connect();
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(PLAIN_FEATURES);
  const auth = unframe(h.t.sent[1]!).el;
  assert.equal(base64.decode(auth.getText()), `1001001@${DOMAIN}\u00001001001\u0000secret`);
});

test("no session iq when the server does not advertise it", async () => {
  const h = harness();
  const ready = h.session.connect();
  playLogin(h, { session: false });
  await ready;
  assert.ok(!h.t.sent.some((f) => f.includes("xmpp-session")));
  assert.ok(!h.events.some((e) => e.kind === "phase" && e.phase === "session"));
});

test("ready modes: own presence echo, on send, and a caller predicate", async () => {
  const echo = harness({ readyWhen: "echo" });
  const p1 = echo.session.connect();
  playLogin(echo, { readyPresence: `<presence xmlns="jabber:client" from="finesse@${DOMAIN}/F"/>` });
  assert.equal(echo.session.state, "presence", "finesse presence is not an echo");
  echo.t.receive(`<presence xmlns="jabber:client" from="${FULL_JID}" to="${FULL_JID}"/>`);
  assert.equal((await p1).jid, FULL_JID);

  const sent = harness({ readyWhen: "sent" });
  const p2 = sent.session.connect();
  playLogin(sent, { readyPresence: `<presence xmlns="jabber:client" from="x@y"/>` });
  await p2;
  assert.ok(sent.events.some((e) => e.kind === "phase" && e.phase === "presence" && e.ms === 0));

  const seen: string[] = [];
  const custom = harness({ readyWhen: (p, own) => (seen.push(own), p.from === "cuic.x@" + DOMAIN) });
  const p3 = custom.session.connect();
  playLogin(custom, { readyPresence: `<presence xmlns="jabber:client" from="cuic.x@${DOMAIN}"/>` });
  await p3;
  assert.deepEqual(seen, [FULL_JID]);
});

test("the default resource is vagent-<random>, never the reserved desktop", () => {
  const clock = new FakeClock();
  const s = new XmppSession(
    { connect: fakeConnect().connect, clock, ids: sequentialIds(), base64, random: () => 0.5 },
    { url: "ws://127.0.0.1:1/ws", domain: DOMAIN, username: "u", password: "p" },
  );
  assert.match(s.resource, /^vagent-[A-Za-z0-9]{8}$/);
});

test("bad options are rejected naming the option", () => {
  const make = (o: object) =>
    new XmppSession({ connect: fakeConnect().connect, clock: new FakeClock(), ids: sequentialIds(), base64 }, { url: "ws://h/ws", domain: "d", username: "u", password: "p", ...o });
  for (const [o, option] of [
    [{ url: "http://h/ws" }, "url"],
    [{ url: "" }, "url"],
    [{ domain: "u@d" }, "domain"],
    [{ username: " " }, "username"],
    [{ resource: "" }, "resource"],
    [{ resource: "a/b" }, "resource"],
    [{ priority: 1.5 }, "priority"],
    [{ timeouts: { bind: 0 } }, "timeouts.bind"],
    [{ timeouts: { bnid: 5 } }, "timeouts.bnid"],
    [{ ping: { intervalMs: 1000, timeoutMs: -1, maxMisses: 2 } }, "ping.timeoutMs"],
    [{ readyWhen: "soon" }, "readyWhen"],
    [{ authzid: "jid" }, "authzid"],
  ] as const) {
    assert.throws(() => make(o), (e: unknown) => e instanceof OptionError && e.option === option, JSON.stringify(o));
  }
});

test("connect() twice is refused", async () => {
  const h = harness();
  void h.session.connect();
  await assert.rejects(h.session.connect(), /connect\(\) called while connecting/);
});

test("pubsub events: the Finesse envelope (no type, escaped <Update> in notification of any namespace)", async () => {
  const h = harness();
  const ready = h.session.connect();
  playLogin(h);
  await ready;
  const update = `<Update>\n  <data>\n    <user><state>NOT_READY</state></user>\n  </data>\n  <event>PUT</event>\n  <requestId></requestId>\n  <source>/finesse/api/User/1001001</source>\n</Update>`;
  const escaped = update.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  h.t.receive(
    `<message from="pubsub.${DOMAIN}" to="1001001@${DOMAIN}" id="QM0FAiNp"><event xmlns="http://jabber.org/protocol/pubsub#event">` +
      `<items node="/finesse/api/User/1001001"><item id="a6ca891f-8b34-443f-8c7d-dac020d41838330"><notification xmlns="urn:xmpp:push:0">${escaped}</notification></item></items></event></message>`,
  );
  h.t.receive(
    `<message xmlns="jabber:client" type="headline" from="pubsub.${DOMAIN}"><event xmlns="http://jabber.org/protocol/pubsub#event">` +
      `<items node="/finesse/api/Team/5/Users"><item id="i2"><notification xmlns="http://jabber.org/protocol/pubsub" type="html">x</notification></item>` +
      `<item id="i3"><entry xmlns="urn:example">y</entry></item><retract id="i0"/></items></event></message>`,
  );
  const plain: string[] = [];
  h.session.on("message", (m) => plain.push(m.body ?? ""));
  h.t.receive(`<message xmlns="jabber:client" from="x@${DOMAIN}"><body>hello</body></message>`);

  assert.equal(h.notifications.length, 3);
  const [n1, n2, n3] = h.notifications;
  assert.equal(n1!.node, "/finesse/api/User/1001001");
  assert.equal(n1!.itemId, "a6ca891f-8b34-443f-8c7d-dac020d41838330");
  assert.equal(n1!.payload?.getName(), "notification");
  assert.equal(n1!.payload?.getNS(), "urn:xmpp:push:0");
  assert.equal(n1!.payload?.getText(), update, "the text is the unescaped <Update> document");
  assert.equal(n1!.attrs.type, undefined);
  assert.equal(n1!.attrs.id, "QM0FAiNp");
  assert.equal(n1!.attrs.from, `pubsub.${DOMAIN}`);
  assert.deepEqual([n2!.node, n2!.itemId, n2!.payload?.getNS(), n2!.attrs.type], ["/finesse/api/Team/5/Users", "i2", "http://jabber.org/protocol/pubsub", "headline"]);
  assert.deepEqual([n3!.itemId, n3!.payload?.getName(), n3!.payload?.getText()], ["i3", "entry", "y"]);
  assert.deepEqual(plain, ["hello"]);
  assert.equal(h.session.state, "ready");
});

test("presence listeners see every presence, including before ready", async () => {
  const h = harness();
  const seen: string[] = [];
  h.session.on("presence", (p) => seen.push(`${p.from} ${p.type}`));
  const ready = h.session.connect();
  playLogin(h);
  await ready;
  h.t.receive(`<presence xmlns="jabber:client" type="unavailable" from="finesse@${DOMAIN}/Finesse"/>`);
  assert.deepEqual(seen, [`finesse@${DOMAIN}/Finesse available`, `finesse@${DOMAIN}/Finesse unavailable`]);
});

test("server pings are answered and unknown iq get/set get service-unavailable", async () => {
  const h = harness();
  const ready = h.session.connect();
  playLogin(h);
  await ready;
  h.t.take();
  h.t.receive(`<iq xmlns="jabber:client" type="get" id="s-ping" from="${DOMAIN}" to="${FULL_JID}"><ping xmlns="urn:xmpp:ping"/></iq>`);
  h.t.receive(`<iq type="set" id="push1" from="${DOMAIN}"><query xmlns="jabber:iq:roster"/></iq>`);
  assert.deepEqual(h.t.take(), [
    `<iq xmlns="jabber:client" type="result" id="s-ping" to="${DOMAIN}" from="${FULL_JID}"/>`,
    `<iq xmlns="jabber:client" type="error" id="push1" to="${DOMAIN}"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
  ]);
  assert.equal(h.session.state, "ready");
});

test("whitespace-only messages are ignored", async () => {
  const h = harness();
  const ready = h.session.connect();
  playLogin(h);
  await ready;
  h.t.receive(" ");
  h.t.receive("\r\n");
  assert.equal(h.session.state, "ready");
});

test("lastIqId helper and features helper stay in step with the client", () => {
  const h = harness();
  void h.session.connect();
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(PLAIN_FEATURES);
  h.t.receive(saslSuccess().toString());
  h.t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
  h.t.receive(features(bindFeature()));
  assert.equal(lastIqId(h.t), "c1");
});

test("listeners can be removed, also while an event is being delivered", async () => {
  const h = harness();
  const ready = h.session.connect();
  playLogin(h);
  await ready;
  const seen: string[] = [];
  const offA = h.session.on("presence", () => (seen.push("a"), offA()));
  const offB = h.session.on("presence", () => seen.push("b"));
  h.t.receive(`<presence from="x@${DOMAIN}"/>`);
  h.t.receive(`<presence from="x@${DOMAIN}"/>`);
  offB();
  h.t.receive(`<presence from="x@${DOMAIN}"/>`);
  assert.deepEqual(seen, ["a", "b", "b"]);
});
