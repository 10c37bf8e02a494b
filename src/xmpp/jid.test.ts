import { test } from "node:test";
import assert from "node:assert/strict";
import { bareEquals, bareJid, formatJid, jidEquals, makeJid, normalizeLocal, parseJid, tryParseJid } from "./jid.ts";
import { JidError } from "./errors.ts";

test("parseJid splits local, domain and resource; the resource may contain '@' and '/'", () => {
  assert.deepEqual(parseJid("1001001@finesse-a.example.com/vagent-1"), { local: "1001001", domain: "finesse-a.example.com", resource: "vagent-1" });
  assert.deepEqual(parseJid("pubsub.example.com"), { local: "", domain: "pubsub.example.com", resource: "" });
  assert.deepEqual(parseJid("u@d/r/x@y"), { local: "u", domain: "d", resource: "r/x@y" });
});

test("parseJid rejects malformed JIDs naming the problem", () => {
  for (const [input, why] of [
    ["", /empty domain/],
    ["@d", /empty localpart/],
    ["u@d/", /empty resource/],
    ["u@@d", /more than one '@'/],
    ["a b@d", /forbidden character/],
    [`${"x".repeat(1024)}@d`, /longer than 1023/],
  ] as const) {
    assert.throws(() => parseJid(input), (e: unknown) => e instanceof JidError && e.condition === "jid-malformed" && why.test(e.message), input);
    assert.equal(tryParseJid(input), undefined);
  }
  assert.equal(tryParseJid(undefined), undefined);
});

test("format, bare and make round-trip", () => {
  assert.equal(formatJid(parseJid("u@d/r")), "u@d/r");
  assert.equal(bareJid("u@d/r"), "u@d");
  assert.equal(bareJid("d/r"), "d");
  assert.equal(makeJid("u", "d"), "u@d");
  assert.equal(makeJid("u", "d", "r"), "u@d/r");
});

test("equality ignores case of local and domain but not of the resource", () => {
  assert.ok(jidEquals("Agent@Example.COM/r", "agent@example.com/r"));
  assert.ok(!jidEquals("agent@example.com/R", "agent@example.com/r"));
  assert.ok(bareEquals("Agent@example.com/a", "agent@EXAMPLE.com/b"));
  assert.ok(!bareEquals("a@d", "b@d"));
  assert.ok(!jidEquals("bad@", "bad@"));
  assert.equal(normalizeLocal("LPU_Test_21"), "lpu_test_21");
});
