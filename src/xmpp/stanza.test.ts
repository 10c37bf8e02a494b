import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, xml } from "../xml/index.ts";
import { errorReplyOf, iq, message, presence, readIq, readMessage, readPresence, resultOf } from "./stanza.ts";
import { ProtocolError, StanzaError } from "./errors.ts";

test("builders qualify every stanza with jabber:client and drop absent attributes", () => {
  assert.equal(
    iq({ type: "get", id: "p1", to: "d.example" }, xml("ping", { xmlns: "urn:xmpp:ping" })).toString(),
    `<iq xmlns="jabber:client" type="get" id="p1" to="d.example"><ping xmlns="urn:xmpp:ping"/></iq>`,
  );
  assert.equal(presence().toString(), `<presence xmlns="jabber:client"/>`);
  assert.equal(presence({ type: "unavailable" }).toString(), `<presence xmlns="jabber:client" type="unavailable"/>`);
  assert.equal(message({ to: "u@d", type: undefined }).toString(), `<message xmlns="jabber:client" to="u@d"/>`);
});

test("resultOf swaps to/from and keeps the id", () => {
  const req = parse(`<iq type="get" id="s1" from="d.example" to="u@d.example/r"><ping xmlns="urn:xmpp:ping"/></iq>`);
  assert.equal(resultOf(req).toString(), `<iq xmlns="jabber:client" type="result" id="s1" to="d.example" from="u@d.example/r"/>`);
});

test("errorReplyOf builds a typed error reply that StanzaError reads back", () => {
  const req = parse(`<iq type="set" id="x1" from="u@d/r" to="d"><query xmlns="urn:example"/></iq>`);
  const reply = errorReplyOf(req, { condition: "service-unavailable" });
  assert.equal(
    reply.toString(),
    `<iq xmlns="jabber:client" type="error" id="x1" to="u@d/r" from="d"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
  );
  const e = StanzaError.fromElement(parse(errorReplyOf(parse(`<message id="m"/>`), new StanzaError("forbidden", "auth", "no")).toString()));
  assert.deepEqual([e.condition, e.type, e.text], ["forbidden", "auth", "no"]);
});

test("readIq returns type, id, addresses and payload", () => {
  const info = readIq(parse(`<iq type="result" id="b1" to="u@d/r"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>u@d/r</jid></bind></iq>`));
  assert.deepEqual([info.type, info.id, info.to, info.from, info.payload?.getName()], ["result", "b1", "u@d/r", undefined, "bind"]);
  assert.equal(readIq(parse(`<iq type="result" id="b1"/>`)).payload, undefined);
  assert.equal(readIq(parse(`<iq type="error" id="e"><error type="cancel"/></iq>`)).payload, undefined);
});

test("readIq rejects an iq without id, with a bad type, or a get/set without payload", () => {
  for (const [text, why] of [
    [`<iq type="get"><ping xmlns="urn:xmpp:ping"/></iq>`, /without an id/],
    [`<iq id="" type="get"><ping xmlns="urn:xmpp:ping"/></iq>`, /without an id/],
    [`<iq id="1"/>`, /type ""/],
    [`<iq id="1" type="fetch"/>`, /type "fetch"/],
    [`<iq id="1" type="set"/>`, /without a payload/],
  ] as const) {
    assert.throws(() => readIq(parse(text)), (e: unknown) => e instanceof ProtocolError && e.condition === "bad-stanza" && why.test(e.message), text);
  }
});

test("readPresence defaults type to available and priority to 0", () => {
  const p = readPresence(parse(`<presence from="finesse@d/Desktop" to="u@d/r"/>`));
  assert.deepEqual([p.type, p.from, p.priority, p.show], ["available", "finesse@d/Desktop", 0, undefined]);
  const q = readPresence(parse(`<presence type="unavailable"><priority>x</priority><show>away</show><status>gone</status></presence>`));
  assert.deepEqual([q.type, q.priority, q.show, q.status], ["unavailable", 0, "away", "gone"]);
  assert.equal(readPresence(parse(`<presence><priority>-1</priority></presence>`)).priority, -1);
});

test("readMessage defaults type to normal", () => {
  const m = readMessage(parse(`<message from="pubsub.d" id="QM0FAiNp"><body>hi</body></message>`));
  assert.deepEqual([m.type, m.from, m.id, m.body], ["normal", "pubsub.d", "QM0FAiNp", "hi"]);
});
