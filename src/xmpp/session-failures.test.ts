import { test } from "node:test";
import assert from "node:assert/strict";
import { DOMAIN, FULL_JID, harness, lastIqId, playLogin, PLAIN_FEATURES, BIND_FEATURES, features, type Harness } from "./session-harness.ts";
import { serverOpen } from "./framing.ts";
import { mechanismsFeature, saslSuccess } from "./sasl.ts";
import { iq } from "./stanza.ts";
import { xml } from "../xml/index.ts";
import {
  ConnectionClosedError, ProtocolError, RedirectError, SaslError, StanzaError, StreamError, TimeoutError, XmppError,
} from "./errors.ts";

async function ready(h: Harness): Promise<void> {
  const p = h.session.connect();
  playLogin(h);
  await p;
  h.t.take();
}

/** The session ended with `error`; connect() rejected with it; no timer is left; the transport is closed. */
async function assertEnded(h: Harness, connect: Promise<unknown> | undefined, check: (e: unknown) => boolean): Promise<XmppError> {
  const end = await h.session.ended;
  assert.ok(end.error, "ended with an error");
  assert.ok(check(end.error), `unexpected end reason ${end.error?.name}: ${end.error?.message}`);
  if (connect) await assert.rejects(connect, (e: unknown) => e === end.error);
  assert.equal(h.session.state, "closed");
  assert.equal(h.clock.pending, 0, "no timer left armed");
  assert.ok(h.t.closed !== undefined || h.t.state === "closed", "transport closed");
  assert.equal(h.ends.length, 1, "end reported once");
  return end.error;
}

test("SASL failure rejects with SaslError not-authorized and closes the stream", async () => {
  const h = harness();
  const p = h.session.connect();
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(PLAIN_FEATURES);
  h.t.take();
  h.t.receive(`<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/><text>Invalid credentials</text></failure>`);
  const e = await assertEnded(h, p, (e) => e instanceof SaslError && e.condition === "not-authorized" && e.text === "Invalid credentials");
  assert.equal((await h.session.ended).wasReady, false);
  assert.deepEqual(h.t.take(), [`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`]);
  assert.equal(h.t.closed?.code, 1000);
  assert.ok(e);
});

test("a server without PLAIN fails clearly, naming what it offers", async () => {
  const h = harness();
  const p = h.session.connect();
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(features(mechanismsFeature(["SCRAM-SHA-1", "DIGEST-MD5"])));
  await assertEnded(h, p, (e) => e instanceof SaslError && e.condition === "invalid-mechanism" && /offered: SCRAM-SHA-1, DIGEST-MD5/.test(e.message));
});

test("stream error conflict after ready ends the session and fails pending requests", async () => {
  const h = harness();
  await ready(h);
  const pending = h.session.request(iq({ type: "get", id: "r1", to: DOMAIN }, xml("query", { xmlns: "jabber:iq:version" })));
  h.t.take();
  h.t.receive(
    `<stream:error xmlns:stream="http://etherx.jabber.org/streams"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams">Replaced by new connection</text></stream:error>`,
  );
  const e = await assertEnded(h, undefined, (e) => e instanceof StreamError && e.condition === "conflict" && e.text === "Replaced by new connection");
  await assert.rejects(pending, (x: unknown) => x === e);
  assert.equal((await h.session.ended).wasReady, true);
  assert.deepEqual(h.t.take(), [], "no stream error is sent back for a stream error");
});

test("stream errors during login are typed too (see-other-host, policy-violation, system-shutdown)", async () => {
  for (const [condition, body] of [
    ["see-other-host", "finesse-b.example.com"],
    ["policy-violation", ""],
    ["system-shutdown", ""],
  ] as const) {
    const h = harness();
    const p = h.session.connect();
    h.t.open();
    h.t.receive(`<stream:error xmlns:stream="http://etherx.jabber.org/streams"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-streams">${body}</${condition}></stream:error>`);
    const e = await assertEnded(h, p, (e) => e instanceof StreamError && e.condition === condition);
    if (condition === "see-other-host") assert.equal((e as StreamError).seeOtherHost, "finesse-b.example.com");
  }
});

test("<close see-other-uri> ends with RedirectError carrying the URI", async () => {
  const h = harness();
  const p = h.session.connect();
  h.t.open();
  h.t.receive(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" see-other-uri="wss://finesse-b.example.com:8445/ws/"/>`);
  await assertEnded(h, p, (e) => e instanceof RedirectError && e.uri === "wss://finesse-b.example.com:8445/ws/" && e.condition === "see-other-uri");
});

test("a server <close/> while ready is answered with <close/> and ends the session", async () => {
  const h = harness();
  await ready(h);
  h.t.receive(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
  await assertEnded(h, undefined, (e) => e instanceof ConnectionClosedError && /server closed the stream/.test(e.message));
  assert.deepEqual(h.t.take(), [`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`]);
});

test("bind error ends the login with the StanzaError", async () => {
  const h = harness();
  const p = h.session.connect();
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(PLAIN_FEATURES);
  h.t.receive(saslSuccess().toString());
  h.t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
  h.t.receive(BIND_FEATURES);
  const id = lastIqId(h.t);
  h.t.receive(`<iq type="error" id="${id}"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`);
  await assertEnded(h, p, (e) => e instanceof StanzaError && e.condition === "conflict" && e.type === "cancel");
});

test("a bind result without a full JID is a ProtocolError bad-reply", async () => {
  const h = harness();
  const p = h.session.connect();
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(PLAIN_FEATURES);
  h.t.receive(saslSuccess().toString());
  h.t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
  h.t.receive(BIND_FEATURES);
  h.t.receive(`<iq type="result" id="${lastIqId(h.t)}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>${DOMAIN}</jid></bind></iq>`);
  await assertEnded(h, p, (e) => e instanceof ProtocolError && e.condition === "bad-reply" && /not a full JID/.test(e.message));
});

test("features without bind after authentication are a ProtocolError missing-feature", async () => {
  const h = harness();
  const p = h.session.connect();
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(PLAIN_FEATURES);
  h.t.receive(saslSuccess().toString());
  h.t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
  h.t.receive(features());
  await assertEnded(h, p, (e) => e instanceof ProtocolError && e.condition === "missing-feature");
});

// Drives the login up to (not including) the server's answer that ends `phase`.
const UP_TO: Record<string, (h: Harness) => void> = {
  upgrade: () => {},
  open_features: (h) => h.t.open(),
  sasl: (h) => {
    h.t.open();
    h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
    h.t.receive(PLAIN_FEATURES);
  },
  restart: (h) => {
    UP_TO.sasl!(h);
    h.t.receive(saslSuccess().toString());
  },
  bind: (h) => {
    UP_TO.restart!(h);
    h.t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
    h.t.receive(BIND_FEATURES);
  },
  session: (h) => {
    UP_TO.bind!(h);
    h.t.receive(`<iq type="result" id="${lastIqId(h.t)}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>${FULL_JID}</jid></bind></iq>`);
  },
  presence: (h) => {
    UP_TO.session!(h);
    h.t.receive(`<iq type="result" id="${lastIqId(h.t)}"/>`);
  },
};

test("every login phase times out with a TimeoutError naming it, leaving no timer armed", async () => {
  for (const phase of Object.keys(UP_TO)) {
    const h = harness({ timeouts: { [phase]: 1000 } });
    const p = h.session.connect();
    UP_TO[phase]!(h);
    h.clock.advance(999);
    assert.notEqual(h.session.state, "closed", `${phase}: not before its timeout`);
    h.clock.advance(1);
    await assertEnded(h, p, (e) => e instanceof TimeoutError && e.phase === phase && e.ms === 1000);
  }
});

test("close() while connecting aborts the login at any phase", async () => {
  for (const phase of Object.keys(UP_TO)) {
    const h = harness();
    const p = h.session.connect();
    UP_TO[phase]!(h);
    h.t.take();
    const end = await h.session.close();
    assert.equal(end.clean, false);
    await assertEnded(h, p, (e) => e instanceof ConnectionClosedError && /before the session was ready/.test(e.message));
    if (phase === "upgrade") assert.deepEqual(h.t.sent, []);
    else assert.deepEqual(h.t.take(), [`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`], phase);
  }
});

test("transport loss before and after ready is a ConnectionClosedError with code, reason and the error text", async () => {
  const before = harness();
  const p = before.session.connect();
  before.t.end(undefined, "", "dial tcp 127.0.0.1:1: connect: connection refused");
  const e1 = await assertEnded(before, p, (e) => e instanceof ConnectionClosedError && e.code === undefined);
  assert.match(e1.message, /connection refused/);

  const after = harness();
  await ready(after);
  after.t.end(1006, "", "websocket: close 1006 (abnormal closure): unexpected EOF");
  const e2 = await assertEnded(after, undefined, (e) => e instanceof ConnectionClosedError && e.code === 1006 && e.reason === "");
  assert.match(e2.message, /\(code 1006\): websocket: close 1006 .*unexpected EOF/);
  assert.equal((await after.session.ended).wasReady, true);
});

test("a connect port that throws ends the session with ConnectionClosedError", async () => {
  const { XmppSession } = await import("./session.ts");
  const { FakeClock, base64 } = await import("./fakes.ts");
  const { sequentialIds } = await import("./ids.ts");
  const clock = new FakeClock();
  const s = new XmppSession(
    { connect: () => { throw new Error("unsupported URL"); }, clock, ids: sequentialIds(), base64 },
    { url: "ws://127.0.0.1:1/ws", domain: DOMAIN, username: "u", password: "p" },
  );
  await assert.rejects(s.connect(), (e: unknown) => e instanceof ConnectionClosedError && /unsupported URL/.test(e.message));
  assert.equal(clock.pending, 0);
});

test("a server that does not accept subprotocol xmpp is refused (RFC 7395 §3.1)", async () => {
  const h = harness();
  const p = h.session.connect();
  h.t.open("");
  await assertEnded(h, p, (e) => e instanceof ProtocolError && e.condition === "bad-subprotocol");
  const lenient = harness({ requireSubprotocol: false });
  void lenient.session.connect();
  lenient.t.open("");
  assert.equal(lenient.session.state, "opening");
});

test("a server <open/> with the wrong namespace or version is a ProtocolError bad-open", async () => {
  for (const open of [
    `<open from="${DOMAIN}" id="s1" version="1.0"/>`,
    `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="${DOMAIN}" id="s1"/>`,
    `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="${DOMAIN}" id="s1" version="2.0"/>`,
  ]) {
    const h = harness();
    const p = h.session.connect();
    h.t.open();
    h.t.take();
    h.t.receive(open);
    await assertEnded(h, p, (e) => e instanceof ProtocolError && e.condition === "bad-open");
    const sent = h.t.take();
    assert.match(sent[0]!, /<stream:error xmlns:stream="http:\/\/etherx.jabber.org\/streams"><invalid-namespace/);
    assert.equal(sent[1], `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
  }
});

test("garbage frames end the session with a clear ProtocolError, before and after ready", async () => {
  const cases: Array<[string, string, RegExp]> = [
    ["<iq type='result' id='1'", "not-well-formed", /malformed XML/],
    ["<message><body>x</message>", "not-well-formed", /mismatched end tag/],
    ["text only", "not-well-formed", /no element/],
    ["<a/><b/>", "not-well-formed", /more than one root/],
    ["<foo xmlns='urn:x'/>", "unexpected-frame", /unexpected <foo xmlns="urn:x">/],
    [`<iq type="get"><ping xmlns="urn:xmpp:ping"/></iq>`, "bad-stanza", /iq without an id/],
    [`<iq type="set" id="x"/>`, "bad-stanza", /without a payload/],
    [`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" version="1.0"/>`, "unexpected-frame", /<open\/> while ready/],
    [`<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>`, "unexpected-frame", /unexpected <success/],
  ];
  for (const [frame, condition, why] of cases) {
    const h = harness();
    await ready(h);
    h.t.receive(frame);
    const e = await assertEnded(h, undefined, (e) => e instanceof ProtocolError && e.condition === condition && why.test(e.message));
    assert.equal((e as ProtocolError).frame, frame);
    const sent = h.t.take();
    assert.match(sent[0]!, /^<stream:error /, frame);
    assert.equal(sent[1], `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
  }
  // Before authentication a stanza is unexpected.
  const h = harness();
  const p = h.session.connect();
  h.t.open();
  h.t.receive(`<message xmlns="jabber:client"><body>early</body></message>`);
  await assertEnded(h, p, (e) => e instanceof ProtocolError && e.condition === "unexpected-frame" && /<message\/> stanza while opening/.test(e.message));
  // Features before <open/> are unexpected.
  const h2 = harness();
  const p2 = h2.session.connect();
  h2.t.open();
  h2.t.receive(PLAIN_FEATURES);
  await assertEnded(h2, p2, (e) => e instanceof ProtocolError && e.condition === "unexpected-frame");
});

test("frames after the session ended are ignored", async () => {
  const h = harness();
  await ready(h);
  h.t.receive("<garbage");
  await h.session.ended;
  h.t.receive(`<presence from="finesse@${DOMAIN}/F"/>`);
  assert.equal(h.ends.length, 1);
});

test("a throwing listener ends the session with handler-error instead of crashing", async () => {
  const h = harness();
  h.session.on("pubsub", () => {
    throw new Error("listener bug");
  });
  await ready(h);
  h.t.receive(`<message><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="n"><item id="1"><x/></item></items></event></message>`);
  await assertEnded(h, undefined, (e) => e instanceof XmppError && e.condition === "handler-error" && /listener bug/.test(e.message));
});

test("graceful close: unavailable presence, <close/>, server <close/>, transport closed with 1000", async () => {
  const h = harness();
  await ready(h);
  const closing = h.session.close();
  assert.deepEqual(h.t.take(), [`<presence xmlns="jabber:client" type="unavailable"/>`, `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`]);
  assert.equal(h.session.state, "closing");
  h.t.receive(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
  const end = await closing;
  assert.deepEqual(end, { clean: true, error: undefined, wasReady: true });
  assert.equal(h.t.closed?.code, 1000);
  assert.equal(h.clock.pending, 0);
  assert.equal(await h.session.close(), end, "close() after the end returns the same result");
});

test("graceful close completes when the server closes the transport instead, and times out otherwise", async () => {
  const h = harness();
  await ready(h);
  const closing = h.session.close({ unavailable: false });
  assert.deepEqual(h.t.take(), [`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`]);
  h.t.end(1000, "");
  assert.equal((await closing).clean, true);

  const slow = harness({ timeouts: { close: 2000 } });
  await ready(slow);
  const c2 = slow.session.close();
  slow.clock.advance(2000);
  const e = await assertEnded(slow, undefined, (e) => e instanceof TimeoutError && e.phase === "close");
  assert.equal((await c2).error, e);
});

test("send and request refuse to run before bind and after the end", async () => {
  const h = harness();
  assert.throws(() => h.session.send(iq({ type: "get", id: "x" })), (e: unknown) => e instanceof XmppError && e.condition === "not-ready");
  await assert.rejects(h.session.request(iq({ type: "get", id: "x" }, xml("q"))), (e: unknown) => e instanceof XmppError && e.condition === "not-ready");
  assert.throws(() => h.session.startPing(), /cannot start pinging while idle/);
  const end = await h.session.close();
  assert.deepEqual(end, { clean: true, error: undefined, wasReady: false });
});

test("a transport whose send throws ends the session with ConnectionClosedError", async () => {
  const h = harness();
  await ready(h);
  h.t.send = () => {
    throw new Error("InvalidStateError: websocket is not open");
  };
  h.session.send(xml("presence", {}));
  await assertEnded(h, undefined, (e) => e instanceof ConnectionClosedError && /sending failed: InvalidStateError/.test(e.message));
  assert.equal(h.t.closed?.code, 1000, "the session still closes the transport");
});

test("nothing can be sent after <close/> or before bind", async () => {
  const h = harness();
  await ready(h);
  void h.session.close();
  assert.throws(() => h.session.send(xml("presence", {})), /cannot send while closing/);
  await assert.rejects(h.session.subscribe("/n"), /cannot send a request while closing/);
  const early = harness();
  void early.session.connect();
  early.t.open();
  assert.throws(() => early.session.send(xml("presence", {})), /cannot send while opening/);
});

test("a throwing event listener during the upgrade or a ping ends the session instead of escaping", async () => {
  const h = harness();
  h.session.on("event", (e) => {
    if (e.kind === "phase" && e.phase === "upgrade") throw new Error("metrics sink failed");
  });
  const p = h.session.connect();
  h.t.open();
  await assertEnded(h, p, (e) => e instanceof XmppError && e.condition === "handler-error" && /metrics sink failed/.test(e.message));

  const k = harness();
  await ready(k);
  k.session.on("event", (e) => {
    if (e.kind === "ping_miss") throw new Error("boom");
  });
  k.session.startPing({ intervalMs: 10, timeoutMs: 10, maxMisses: 5 });
  k.clock.advance(20);
  await assertEnded(k, undefined, (e) => e instanceof XmppError && e.condition === "handler-error");
});

test("an error while closing does not send anything after our <close/>", async () => {
  const h = harness();
  await ready(h);
  void h.session.close({ unavailable: false });
  h.t.take();
  h.t.receive("<broken");
  const end = await h.session.ended;
  assert.equal(end.error?.condition, "not-well-formed");
  assert.deepEqual(h.t.take(), []);
});

test("hostile frames: DTD, unknown entities, deep nesting, huge text, unbound prefixes", async () => {
  const cases: Array<[string, string]> = [
    [`<!DOCTYPE m [<!ENTITY a "aaaa">]><message>&a;</message>`, "not-well-formed"],
    [`<message><body>&foo;</body></message>`, "not-well-formed"],
    [`<message a=1/>`, "not-well-formed"],
    ["<a>".repeat(5000) + "</a>".repeat(5000), "unexpected-frame"],
    [`<x:message xmlns:x="jabber:client"/>`, "unexpected-frame"],
  ];
  for (const [frame, condition] of cases) {
    const h = harness();
    await ready(h);
    h.t.receive(frame);
    await assertEnded(h, undefined, (e) => e instanceof ProtocolError && e.condition === condition);
  }
  // A large but well-formed stanza is just a stanza.
  const h = harness();
  await ready(h);
  const bodies: number[] = [];
  h.session.on("message", (m) => bodies.push(m.body?.length ?? 0));
  h.t.receive(`<message><body>${"x".repeat(1_000_000)}</body></message>`);
  assert.deepEqual(bodies, [1_000_000]);
  assert.equal(h.session.state, "ready");
});

test("a stream error without the stream: prefix is recognised by namespace", async () => {
  const h = harness();
  await ready(h);
  h.t.receive(`<error xmlns="http://etherx.jabber.org/streams"><system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></error>`);
  await assertEnded(h, undefined, (e) => e instanceof StreamError && e.condition === "system-shutdown");
});
