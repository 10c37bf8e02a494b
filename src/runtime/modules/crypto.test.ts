import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { test } from "node:test";
import { fixtureVu } from "./test-vu.ts";

test("k6/crypto: digests, hmac, incremental hashing, output encodings, randomBytes", async () => {
  const t = await fixtureVu("crypto.js");
  assert.deepEqual(t.call("digests"), {
    sha256: createHash("sha256").update("abc").digest("hex"),
    md5: createHash("md5").update("abc").digest("base64"),
    sha1url: createHash("sha1").update("abc").digest("base64url"),
    hmac: createHmac("sha256", "key").update("The quick brown fox jumps over the lazy dog").digest("hex"),
    incremental: createHash("sha1").update("abc").digest("hex"),
    binaryIsArrayBuffer: true,
    random: 16,
    bad: 'k6/crypto: invalid output encoding "nope" (use hex, base64, base64url, base64rawurl or binary)',
    defaultExport: "function",
  });
});
