import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, pbkdf2Sync } from "node:crypto";
import { hash, SHA1, SHA256 } from "./sha.ts";
import { hmac, pbkdf2 } from "./hmac.ts";
import { utf8 } from "./bytes.ts";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const bytes = (n: number, seed = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + 11) & 255);

test("SHA-1 and SHA-256 give the FIPS 180-4 / RFC 3174 example digests", () => {
  const two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  const million = new Uint8Array(1_000_000).fill(0x61);
  assert.equal(hex(hash(SHA1, utf8(""))), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  assert.equal(hex(hash(SHA1, utf8("abc"))), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assert.equal(hex(hash(SHA1, utf8(two))), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  assert.equal(hex(hash(SHA1, million)), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  assert.equal(hex(hash(SHA256, utf8(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(hex(hash(SHA256, utf8("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(hex(hash(SHA256, utf8(two))), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  assert.equal(hex(hash(SHA256, million)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
});

test("digests equal node:crypto's across block and padding boundaries, whole or in pieces", () => {
  for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200, 1000]) {
    const data = bytes(n, n);
    for (const [fn, name] of [[SHA1, "sha1"], [SHA256, "sha256"]] as const) {
      const want = createHash(name).update(data).digest("hex");
      assert.equal(hex(hash(fn, data)), want, `${name} of ${n} bytes`);
      const h = fn.create();
      for (let i = 0; i < n; i += 7) h.update(data.subarray(i, i + 7));
      assert.equal(hex(h.digest()), want, `${name} of ${n} bytes fed 7 at a time`);
    }
  }
});

test("clone continues independently; a finished hasher refuses more input", () => {
  const a = SHA256.create().update(utf8("ab"));
  const b = a.clone();
  assert.equal(hex(a.update(utf8("c")).digest()), hex(hash(SHA256, utf8("abc"))));
  assert.equal(hex(b.update(utf8("x")).digest()), hex(hash(SHA256, utf8("abx"))));
  assert.throws(() => a.update(utf8("d")), /update after digest/);
  assert.throws(() => a.digest(), /digest called twice/);
});

test("HMAC gives the RFC 2202 and RFC 4231 results and equals node:crypto's", () => {
  const hiThere = utf8("Hi There");
  const jefe = [utf8("Jefe"), utf8("what do ya want for nothing?")] as const;
  assert.equal(hex(hmac(SHA1, new Uint8Array(20).fill(0x0b), hiThere)), "b617318655057264e28bc0b6fb378c8ef146be00");
  assert.equal(hex(hmac(SHA1, ...jefe)), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  assert.equal(hex(hmac(SHA256, new Uint8Array(20).fill(0x0b), hiThere)), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  assert.equal(hex(hmac(SHA256, ...jefe)), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 4231 §4.7: a key longer than the block is hashed first.
  const longKey = new Uint8Array(131).fill(0xaa);
  assert.equal(hex(hmac(SHA256, longKey, utf8("Test Using Larger Than Block-Size Key - Hash Key First"))), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  for (const keyLength of [0, 1, 63, 64, 65, 200]) {
    const key = bytes(keyLength, 3);
    const msg = bytes(keyLength + 17, 5);
    assert.equal(hex(hmac(SHA1, key, msg)), createHmac("sha1", key).update(msg).digest("hex"), `sha1 key ${keyLength}`);
    assert.equal(hex(hmac(SHA256, key, msg)), createHmac("sha256", key).update(msg).digest("hex"), `sha256 key ${keyLength}`);
  }
});

test("PBKDF2 gives the RFC 6070 and RFC 7914 results and equals node:crypto's", () => {
  const pw = utf8("password");
  const salt = utf8("salt");
  assert.equal(hex(pbkdf2(SHA1, pw, salt, 1)), "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  assert.equal(hex(pbkdf2(SHA1, pw, salt, 2)), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
  assert.equal(hex(pbkdf2(SHA1, pw, salt, 4096)), "4b007901b765489abead49d926f721d065a429c1");
  assert.equal(hex(pbkdf2(SHA1, utf8("passwordPASSWORDpassword"), utf8("saltSALTsaltSALTsaltSALTsaltSALTsalt"), 4096, 25)), "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038");
  assert.equal(hex(pbkdf2(SHA1, utf8("pass\u0000word"), utf8("sa\u0000lt"), 4096, 16)), "56fa6aa75548099dcc37d7f03425e0c3");
  assert.equal(
    hex(pbkdf2(SHA256, utf8("passwd"), salt, 1, 64)),
    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
  );
  for (const [iterations, length] of [[3, 32], [100, 20], [7, 70]] as const) {
    const p = bytes(10, iterations);
    const s = bytes(16, length);
    assert.equal(hex(pbkdf2(SHA256, p, s, iterations, length)), pbkdf2Sync(p, s, iterations, length, "sha256").toString("hex"));
    assert.equal(hex(pbkdf2(SHA1, p, s, iterations, length)), pbkdf2Sync(p, s, iterations, length, "sha1").toString("hex"));
  }
  assert.throws(() => pbkdf2(SHA1, pw, salt, 0), /iterations must be a positive integer, got 0/);
  assert.throws(() => pbkdf2(SHA1, pw, salt, 1.5), /iterations/);
  assert.throws(() => pbkdf2(SHA1, pw, salt, 1, 0), /length must be a positive integer/);
});
