import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "../xml/index.ts";
import { authzidUser, decodePlain, mechanismsFeature, offeredMechanisms, parsePlain, plainAuth, plainMessage, readAuth, saslSuccess } from "./sasl.ts";
import { SaslError } from "./errors.ts";
import { base64 } from "./fakes.ts";

test("PLAIN message in both forms (RFC 4616 §2)", () => {
  assert.equal(plainMessage({ authcid: "1001001", password: "secret" }), "\u00001001001\u0000secret");
  assert.equal(plainMessage({ authzid: "1001001@d.example", authcid: "1001001", password: "secret" }), "1001001@d.example\u00001001001\u0000secret");
});

test("plainAuth builds <auth mechanism=PLAIN> with base64 text", () => {
  const el = plainAuth({ authcid: "u", password: "p" }, base64);
  assert.equal(el.toString(), `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">AHUAcA==</auth>`);
});

test("decodePlain applies Openfire's token rules", () => {
  const enc = (s: string) => base64.encode(s);
  assert.deepEqual(decodePlain(enc("\u0000agent\u0000pw"), base64), { authzid: "agent", authcid: "agent", password: "pw" });
  assert.deepEqual(decodePlain(enc("agent@d.example\u0000agent\u0000pw"), base64), { authzid: "agent@d.example", authcid: "agent", password: "pw" });
  assert.deepEqual(decodePlain(enc("agent\u0000agent\u0000pw"), base64), { authzid: "agent", authcid: "agent", password: "pw" });
  assert.deepEqual(decodePlain(enc("agent\u0000pässwörd✓"), base64), { authzid: "agent", authcid: "agent", password: "pässwörd✓" });
});

test("decodePlain rejects empty, non-base64 and wrongly shaped responses", () => {
  for (const [payload, condition] of [
    ["", "malformed-request"],
    ["=", "malformed-request"],
    ["!!!!", "incorrect-encoding"],
    ["abc", "incorrect-encoding"],
    [base64.encode("onlyone"), "malformed-request"],
    [base64.encode("\u0000\u0000pw"), "malformed-request"],
    [base64.encode("a\u0000b\u0000c\u0000d"), "malformed-request"],
  ] as const) {
    assert.throws(() => decodePlain(payload, base64), (e: unknown) => e instanceof SaslError && e.condition === condition, payload);
  }
  assert.throws(() => parsePlain(""), /0 non-empty fields/);
});

test("authzidUser takes the localpart of a JID authzid", () => {
  assert.equal(authzidUser("agent@d.example"), "agent");
  assert.equal(authzidUser("agent"), "agent");
});

test("mechanisms: offered list from features, feature builder, auth reader, success", () => {
  const features = parse(
    `<stream:features xmlns:stream="http://etherx.jabber.org/streams">${mechanismsFeature(["PLAIN", "SCRAM-SHA-1"]).toString()}</stream:features>`,
  );
  assert.deepEqual(offeredMechanisms(features), ["PLAIN", "SCRAM-SHA-1"]);
  assert.deepEqual(offeredMechanisms(parse(`<stream:features xmlns:stream="http://etherx.jabber.org/streams"/>`)), []);
  assert.deepEqual(readAuth(plainAuth({ authcid: "u", password: "p" }, base64)), { mechanism: "PLAIN", payload: "AHUAcA==" });
  assert.throws(() => readAuth(parse(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>`)), (e: unknown) => e instanceof SaslError && e.condition === "invalid-mechanism");
  assert.throws(() => readAuth(parse(`<auth mechanism="PLAIN"/>`)), (e: unknown) => e instanceof SaslError && e.condition === "malformed-request");
  assert.equal(saslSuccess().toString(), `<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>`);
});
