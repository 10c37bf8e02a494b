import { test } from "node:test";
import assert from "node:assert/strict";
import { clientOpen, closeFrame, openProblem, serverOpen, streamFeatures, unframe, type OpenFrame } from "./framing.ts";
import { xml } from "../xml/index.ts";
import { ProtocolError } from "./errors.ts";

test("client open carries framing xmlns, to and version 1.0 (RFC 7395 §3.4)", () => {
  assert.equal(clientOpen("finesse-a.example.com").toString(), `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="finesse-a.example.com" version="1.0"/>`);
});

test("server open carries from, id, xmlns, xml:lang and version", () => {
  const f = unframe(serverOpen({ from: "d.example", id: "3k2j1h" }).toString()) as OpenFrame;
  assert.equal(f.kind, "open");
  assert.deepEqual([f.from, f.id, f.xmlns, f.lang, f.version, f.to], ["d.example", "3k2j1h", "urn:ietf:params:xml:ns:xmpp-framing", "en", "1.0", undefined]);
  assert.equal(openProblem(f), undefined);
});

test("openProblem names a wrong namespace or version", () => {
  const noNs = unframe(`<open version="1.0"/>`) as OpenFrame;
  assert.equal(noNs.kind, "open");
  assert.match(openProblem(noNs)!, /xmlns ""/);
  const v = unframe(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" version="0.9"/>`) as OpenFrame;
  assert.match(openProblem(v)!, /version "0.9"/);
});

test("close frames, with and without see-other-uri", () => {
  assert.deepEqual(
    (({ kind, seeOtherUri }) => ({ kind, seeOtherUri }))(unframe(closeFrame().toString()) as { kind: string; seeOtherUri?: string }),
    { kind: "close", seeOtherUri: undefined },
  );
  const f = unframe(closeFrame("wss://b.example.com:8445/ws/").toString());
  assert.equal(f.kind === "close" && f.seeOtherUri, "wss://b.example.com:8445/ws/");
});

test("stanzas are classified with or without jabber:client; other elements keep name and namespace", () => {
  for (const name of ["iq", "message", "presence"]) {
    assert.equal(unframe(`<${name} xmlns="jabber:client"/>`).kind, "stanza");
    assert.equal(unframe(`<${name}/>`).kind, "stanza");
  }
  const f = unframe(`<stream:features xmlns:stream="http://etherx.jabber.org/streams"/>`);
  assert.equal(f.kind, "element");
  assert.deepEqual(f.kind === "element" && [f.name, f.ns], ["features", "http://etherx.jabber.org/streams"]);
  assert.equal(unframe(`<iq xmlns="jabber:server"/>`).kind, "element");
  assert.equal(unframe(`<close/>`).kind, "element");
});

test("malformed messages throw ProtocolError not-well-formed with the frame", () => {
  for (const text of ["", "   ", "<a>", "<a></b>", "<a/><b/>", "plain text", "<iq id='1'", "<<>>"]) {
    assert.throws(
      () => unframe(text),
      (e: unknown) => e instanceof ProtocolError && e.condition === "not-well-formed" && e.frame === text && /malformed XML/.test(e.message),
      JSON.stringify(text),
    );
  }
});

test("stream features are a stream:features element in the streams namespace", () => {
  const text = streamFeatures(xml("bind", { xmlns: "urn:ietf:params:xml:ns:xmpp-bind" })).toString();
  assert.equal(text, `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>`);
  const f = unframe(text);
  assert.deepEqual(f.kind === "element" && [f.name, f.ns], ["features", "http://etherx.jabber.org/streams"]);
});
