import { test } from "node:test";
import assert from "node:assert/strict";
import { base64ToBytes, bytesEqual, bytesToBase64, utf8, xor } from "./bytes.ts";

test("utf8 encodes like Buffer, including astral characters and unpaired surrogates", () => {
  for (const s of ["", "abc", "pässwörd✓", "日本語", "😀x", "a\u0000b", "\u07ff\u0800\uffff"]) {
    assert.deepEqual(Buffer.from(utf8(s)), Buffer.from(s, "utf8"), JSON.stringify(s));
  }
  assert.deepEqual([...utf8("a\ud800b")], [0x61, 0xef, 0xbf, 0xbd, 0x62]);
  assert.deepEqual([...utf8("\udc00")], [0xef, 0xbf, 0xbd]);
});

test("base64 over bytes round-trips and matches Buffer (RFC 4648 §10 vectors)", () => {
  const vectors: [string, string][] = [["", ""], ["f", "Zg=="], ["fo", "Zm8="], ["foo", "Zm9v"], ["foob", "Zm9vYg=="], ["fooba", "Zm9vYmE="], ["foobar", "Zm9vYmFy"]];
  for (const [plain, b64] of vectors) {
    assert.equal(bytesToBase64(utf8(plain)), b64);
    assert.deepEqual(base64ToBytes(b64), utf8(plain));
  }
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.equal(bytesToBase64(all), Buffer.from(all).toString("base64"));
  assert.deepEqual(base64ToBytes(Buffer.from(all).toString("base64")), all);
});

test("base64ToBytes refuses anything but strict padded base64", () => {
  for (const bad of ["Zg", "Zg=", "Z===", "Zm9v!A==", "Zg==Zg==", "=Zg=", "Zm 9", "Zm9vYé=="]) {
    assert.equal(base64ToBytes(bad), undefined, bad);
  }
});

test("xor and bytesEqual", () => {
  assert.deepEqual([...xor(Uint8Array.of(1, 2, 255), Uint8Array.of(3, 2, 15))], [2, 0, 240]);
  assert.throws(() => xor(Uint8Array.of(1), Uint8Array.of(1, 2)), /xor of 1 and 2 bytes/);
  assert.equal(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2)), true);
  assert.equal(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3)), false);
  assert.equal(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1)), false);
});
