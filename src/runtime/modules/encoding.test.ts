import assert from "node:assert/strict";
import { test } from "node:test";
import { fixtureVu } from "./test-vu.ts";

test("k6/encoding: base64 variants round trip; ArrayBuffer in and out; invalid input throws", async () => {
  const t = await fixtureVu("encoding.js");
  const r = t.call("roundTrips") as Record<string, any>;
  const text = "hello, k6 \u00e9\u00e8?>";
  const std = Buffer.from(text).toString("base64");
  assert.deepEqual(r.std, { enc: std, back: text });
  assert.deepEqual(r.rawstd, { enc: std.replace(/=+$/, ""), back: text });
  assert.equal(r.url.enc, std.replace(/\+/g, "-").replace(/\//g, "_"));
  assert.equal(r.url.back, text);
  assert.equal(r.rawurl.enc, r.url.enc.replace(/=+$/, ""));
  assert.equal(r.rawurl.back, text);
  assert.deepEqual(r.binary, { encodedBuffer: "AP+AAQ==", isArrayBuffer: true, bytes: [0, 255, 128, 1] });
  assert.equal(r.fallback, "YQ==");
  assert.equal(r.defaultExport, "function");
  assert.deepEqual(r.invalid, ["Error", "Error", "Error", "Error"]);
});
