import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "../xml/index.ts";
import { ConnectionClosedError, ProtocolError, SaslError, StanzaError, StreamError, TimeoutError, XmppError } from "./errors.ts";

test("StreamError reads condition and text from <stream:error> and writes it back", () => {
  const el = parse(
    `<stream:error xmlns:stream="http://etherx.jabber.org/streams"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>` +
      `<text xmlns="urn:ietf:params:xml:ns:xmpp-streams">Replaced by new connection</text></stream:error>`,
  );
  const e = StreamError.fromElement(el);
  assert.ok(e instanceof XmppError);
  assert.equal(e.name, "StreamError");
  assert.equal(e.condition, "conflict");
  assert.equal(e.text, "Replaced by new connection");
  const again = StreamError.fromElement(parse(e.toElement().toString()));
  assert.equal(again.condition, "conflict");
  assert.equal(again.text, "Replaced by new connection");
});

test("StreamError see-other-host carries the host both ways", () => {
  const e = new StreamError("see-other-host", undefined, "finesse-b.example.com:8445");
  const wire = e.toElement().toString();
  assert.match(wire, /<see-other-host xmlns="urn:ietf:params:xml:ns:xmpp-streams">finesse-b.example.com:8445<\/see-other-host>/);
  assert.equal(StreamError.fromElement(parse(wire)).seeOtherHost, "finesse-b.example.com:8445");
});

test("StreamError without a defined condition is undefined-condition", () => {
  const e = StreamError.fromElement(parse(`<stream:error xmlns:stream="http://etherx.jabber.org/streams"/>`));
  assert.equal(e.condition, "undefined-condition");
});

test("SaslError reads <failure> conditions and writes them back", () => {
  const e = SaslError.fromElement(parse(`<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/><text xml:lang="en">bad password</text></failure>`));
  assert.equal(e.condition, "not-authorized");
  assert.equal(e.text, "bad password");
  assert.equal(
    new SaslError("not-authorized").toElement().toString(),
    `<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/></failure>`,
  );
});

test("StanzaError reads type, condition, text and application condition from an error stanza", () => {
  const el = parse(
    `<iq xmlns="jabber:client" type="error" id="1"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>` +
      `<invalid-jid xmlns="http://jabber.org/protocol/pubsub#errors"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">jid mismatch</text></error></iq>`,
  );
  const e = StanzaError.fromElement(el);
  assert.equal(e.condition, "bad-request");
  assert.equal(e.type, "modify");
  assert.equal(e.text, "jid mismatch");
  assert.equal(e.application?.getName(), "invalid-jid");
  const back = StanzaError.fromElement(parse(e.toElement().toString()));
  assert.deepEqual([back.condition, back.type, back.text, back.application?.getName()], ["bad-request", "modify", "jid mismatch", "invalid-jid"]);
});

test("StanzaError tolerates a missing <error/> child and an unknown type", () => {
  assert.equal(StanzaError.fromElement(parse(`<iq type="error" id="1"/>`)).condition, "undefined-condition");
  const e = StanzaError.fromElement(parse(`<iq type="error" id="1"><error type="weird"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`));
  assert.deepEqual([e.condition, e.type], ["item-not-found", "cancel"]);
});

test("TimeoutError, ConnectionClosedError and ProtocolError carry their discriminants", () => {
  const t = new TimeoutError("bind", 5000);
  assert.deepEqual([t.name, t.condition, t.phase, t.ms], ["TimeoutError", "timeout", "bind", 5000]);
  assert.match(t.message, /bind did not complete within 5000 ms/);
  const c = new ConnectionClosedError(1006, "");
  assert.deepEqual([c.condition, c.code, c.reason], ["connection-closed", 1006, ""]);
  assert.match(c.message, /code 1006/);
  assert.equal(new ConnectionClosedError(undefined, "").code, undefined);
  const p = new ProtocolError("not-well-formed", "malformed XML", "x".repeat(1000));
  assert.equal(p.frame?.length, 500);
  assert.ok(p.message.length < 300);
});
