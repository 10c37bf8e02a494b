import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "../xml/index.ts";
import { bindFeature, bindRequest, bindResult, boundFeatures, defaultResource, readBindRequest, readBindResult, RESERVED_FINESSE_RESOURCE, sessionFeature, sessionRequest } from "./bind.ts";
import { ProtocolError } from "./errors.ts";
import { NS_STREAM } from "./ns.ts";
import { xml } from "../xml/index.ts";
import { randomIds, randomToken, sequentialIds } from "./ids.ts";

test("bind request and result round-trip between the roles (RFC 6120 §7)", () => {
  const req = bindRequest("b1", "vagent-1");
  assert.equal(req.toString(), `<iq xmlns="jabber:client" type="set" id="b1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>vagent-1</resource></bind></iq>`);
  assert.equal(readBindRequest(parse(req.toString())), "vagent-1");
  assert.equal(readBindRequest(bindRequest("b2")), "");
  assert.equal(readBindResult(parse(bindResult(req, "u@d/vagent-1").toString())), "u@d/vagent-1");
  assert.throws(() => readBindRequest(parse(`<iq type="set" id="1"><x/></iq>`)), ProtocolError);
});

test("a bind result must carry a full JID", () => {
  for (const [text, why] of [
    [`<iq type="result" id="1"/>`, /without <jid\/>/],
    [`<iq type="result" id="1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>u@/r</jid></bind></iq>`, /malformed JID/],
    [`<iq type="result" id="1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>u@d</jid></bind></iq>`, /not a full JID/],
  ] as const) {
    assert.throws(() => readBindResult(parse(text)), (e: unknown) => e instanceof ProtocolError && e.condition === "bad-reply" && why.test(e.message));
  }
});

test("features and session iq (RFC 3921 §3)", () => {
  const f = xml("stream:features", { "xmlns:stream": NS_STREAM }, bindFeature(), sessionFeature());
  assert.deepEqual(boundFeatures(parse(f.toString())), { bind: true, session: true });
  assert.deepEqual(boundFeatures(xml("stream:features", { "xmlns:stream": NS_STREAM }, bindFeature())), { bind: true, session: false });
  assert.match(f.toString(), /<session xmlns="urn:ietf:params:xml:ns:xmpp-session"><optional\/><\/session>/);
  assert.equal(sessionRequest("s").toString(), `<iq xmlns="jabber:client" type="set" id="s"><session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>`);
});

test("the default resource is random and not the reserved one", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 20; i++) seen.add(defaultResource());
  assert.equal(seen.size, 20);
  for (const r of seen) {
    assert.match(r, /^vagent-[A-Za-z0-9]{8}$/);
    assert.notEqual(r, RESERVED_FINESSE_RESOURCE);
  }
});

test("id sources", () => {
  const s = sequentialIds("c");
  assert.deepEqual([s.next(), s.next()], ["c1", "c2"]);
  assert.equal(randomToken(5, () => 0), "aaaaa");
  assert.equal(randomToken(3, () => 0.999999), "999");
  const r = randomIds();
  assert.notEqual(r.next(), r.next());
  assert.notEqual(randomIds().next(), randomIds().next());
});
