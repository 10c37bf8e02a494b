// HMAC (RFC 2104) and PBKDF2 with HMAC as the PRF (RFC 8018 §5.2), over the hash functions of sha.ts.
import { hash, readWords, wordsToBytes, type HashFunction } from "./sha.ts";

/** A key prepared once: the chaining values after the inner and outer padded key blocks (RFC 2104 §2). */
export class HmacKey {
  readonly fn: HashFunction;
  /** Chaining value after K ^ ipad. */
  readonly inner: Int32Array;
  /** Chaining value after K ^ opad. */
  readonly outer: Int32Array;

  constructor(fn: HashFunction, key: Uint8Array) {
    this.fn = fn;
    const k = key.length > fn.blockBytes ? hash(fn, key) : key;
    const pad = (byte: number): Int32Array => {
      const block = new Uint8Array(fn.blockBytes).fill(byte);
      for (let i = 0; i < k.length; i++) block[i] = block[i]! ^ k[i]!;
      const w = new Int32Array(fn.rounds);
      readWords(w, block, 0);
      const h = fn.iv();
      fn.compress(h, w);
      return h;
    };
    this.inner = pad(0x36);
    this.outer = pad(0x5c);
  }

  /** HMAC(key, message). */
  sign(message: Uint8Array): Uint8Array {
    const inner = this.fn.create(this.inner, this.fn.blockBytes).update(message).digest();
    return this.fn.create(this.outer, this.fn.blockBytes).update(inner).digest();
  }
}

/** HMAC(key, message) in one call. */
export function hmac(fn: HashFunction, key: Uint8Array, message: Uint8Array): Uint8Array {
  return new HmacKey(fn, key).sign(message);
}

/**
 * Ui = HMAC(key, Ui-1) for i = 2…iterations, XORed into `t` (RFC 8018 §5.2). A digest-sized message
 * fits one padded block, so each HMAC is two compressions on preloaded words, without allocation.
 */
function iterate(key: HmacKey, u1: Uint8Array, iterations: number): Uint8Array {
  const fn = key.fn;
  const n = fn.digestBytes / 4;
  const w = new Int32Array(fn.rounds);
  const h = new Int32Array(n);
  const t = new Int32Array(n);
  const first = new Uint8Array(64);
  first.set(u1);
  readWords(w, first, 0);
  for (let j = 0; j < n; j++) t[j] = w[j]!;
  // Padding of a (block + digest)-byte message after the digest words (FIPS 180-4 §5.1.1).
  w.fill(0, n, 16);
  w[n] = 0x80000000 | 0;
  w[15] = (fn.blockBytes + fn.digestBytes) * 8;
  for (let i = 1; i < iterations; i++) {
    h.set(key.inner);
    fn.compress(h, w);
    for (let j = 0; j < n; j++) w[j] = h[j]!;
    h.set(key.outer);
    fn.compress(h, w);
    for (let j = 0; j < n; j++) {
      w[j] = h[j]!;
      t[j] = t[j]! ^ h[j]!;
    }
  }
  return wordsToBytes(t);
}

/** PBKDF2-HMAC (RFC 8018 §5.2): `length` bytes (default the digest size) from `iterations` ≥ 1 rounds. */
export function pbkdf2(fn: HashFunction, password: Uint8Array, salt: Uint8Array, iterations: number, length: number = fn.digestBytes): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`PBKDF2 iterations must be a positive integer, got ${iterations}`);
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`PBKDF2 length must be a positive integer, got ${length}`);
  const prf = new HmacKey(fn, password);
  const out = new Uint8Array(length);
  const first = new Uint8Array(salt.length + 4);
  first.set(salt);
  for (let block = 1, at = 0; at < length; block++, at += fn.digestBytes) {
    // U1 = PRF(P, S || INT(i)); T = U1 ^ U2 ^ … ^ Uc.
    first[salt.length] = block >>> 24;
    first[salt.length + 1] = block >>> 16;
    first[salt.length + 2] = block >>> 8;
    first[salt.length + 3] = block;
    const t = iterate(prf, prf.sign(first), iterations);
    out.set(t.subarray(0, Math.min(t.length, length - at)), at);
  }
  return out;
}
