// SHA-1 (RFC 3174, FIPS 180-4 §6.1) and SHA-256 (FIPS 180-4 §6.2) over bytes, in plain TypeScript so
// the SASL code runs under k6 as on Node. Both share the Merkle–Damgård frame: 64-byte blocks,
// big-endian words, padding with 0x80, zeros and the 64-bit message length in bits (FIPS 180-4 §5.1.1).

export interface Hasher {
  /** Adds bytes; throws after `digest`. */
  update(data: Uint8Array): Hasher;
  /** The digest; the hasher cannot be used afterwards. */
  digest(): Uint8Array;
  /** An independent copy of the state so far (HMAC reuses its keyed states this way). */
  clone(): Hasher;
}

export interface HashFunction {
  readonly name: "SHA-1" | "SHA-256";
  readonly blockBytes: number;
  readonly digestBytes: number;
  /** Words of the message schedule (80 for SHA-1, 64 for SHA-256). */
  readonly rounds: number;
  /** A fresh hasher, or one continuing from chaining value `h` after `length` bytes (a whole number of blocks). */
  create(h?: Int32Array, length?: number): Hasher;
  /** A copy of the initial hash value. */
  iv(): Int32Array;
  /** Processes one block already loaded into w[0..15] (big-endian words), updating `h`; w[16..] is scratch. */
  compress(h: Int32Array, w: Int32Array): void;
}

type Compress = (h: Int32Array, w: Int32Array) => void;

interface Spec {
  name: HashFunction["name"];
  iv: () => Int32Array;
  rounds: number;
  digestBytes: number;
  compress: Compress;
}

class MdHasher implements Hasher {
  readonly #spec: Spec;
  readonly #h: Int32Array;
  readonly #w: Int32Array;
  readonly #buffer = new Uint8Array(64);
  #buffered = 0;
  #length = 0;
  #done = false;

  constructor(spec: Spec, h: Int32Array, length: number, from?: MdHasher) {
    this.#spec = spec;
    this.#w = new Int32Array(spec.rounds);
    this.#h = h.slice();
    this.#length = length;
    if (from) {
      this.#buffer.set(from.#buffer);
      this.#buffered = from.#buffered;
    }
  }

  #block(block: Uint8Array, offset: number): void {
    readWords(this.#w, block, offset);
    this.#spec.compress(this.#h, this.#w);
  }

  update(data: Uint8Array): Hasher {
    if (this.#done) throw new Error(`${this.#spec.name}: update after digest`);
    this.#length += data.length;
    let i = 0;
    if (this.#buffered > 0) {
      const take = Math.min(64 - this.#buffered, data.length);
      this.#buffer.set(data.subarray(0, take), this.#buffered);
      this.#buffered += take;
      i = take;
      if (this.#buffered < 64) return this;
      this.#block(this.#buffer, 0);
      this.#buffered = 0;
    }
    for (; i + 64 <= data.length; i += 64) this.#block(data, i);
    if (i < data.length) {
      this.#buffer.set(data.subarray(i), 0);
      this.#buffered = data.length - i;
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.#done) throw new Error(`${this.#spec.name}: digest called twice`);
    this.#done = true;
    const b = this.#buffer;
    const bits = this.#length * 8;
    b[this.#buffered] = 0x80;
    b.fill(0, this.#buffered + 1);
    if (this.#buffered >= 56) {
      this.#block(b, 0);
      b.fill(0);
    }
    const high = Math.floor(bits / 0x100000000);
    writeWord(b, 56, high);
    writeWord(b, 60, bits >>> 0);
    this.#block(b, 0);
    return wordsToBytes(this.#h);
  }

  clone(): Hasher {
    if (this.#done) throw new Error(`${this.#spec.name}: clone after digest`);
    return new MdHasher(this.#spec, this.#h, this.#length, this);
  }
}

function writeWord(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = v >>> 16;
  out[at + 2] = v >>> 8;
  out[at + 3] = v;
}

/** Big-endian bytes of 32-bit words. */
export function wordsToBytes(words: Int32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) writeWord(out, i * 4, words[i]!);
  return out;
}

/** Loads 16 big-endian words from `block` at `offset` into w[0..15]. */
export function readWords(w: Int32Array, block: Uint8Array, offset: number): void {
  for (let t = 0, j = offset; t < 16; t++, j += 4) w[t] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!;
}

// FIPS 180-4 §6.1.2 (RFC 3174 §6.1).
const sha1Compress: Compress = (h, w) => {
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
  for (let t = 0; t < 80; t++) {
    let f: number;
    if (t < 20) f = ((b & c) | (~b & d)) + 0x5a827999;
    else if (t < 40) f = (b ^ c ^ d) + 0x6ed9eba1;
    else if (t < 60) f = ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc;
    else f = (b ^ c ^ d) + 0xca62c1d6;
    const temp = (((a << 5) | (a >>> 27)) + f + e + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
};

// FIPS 180-4 §4.2.2 and §5.3.3: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes (K) and of the square roots of the first 8 (initial hash value).
function primes(count: number): number[] {
  const out: number[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
}
const fraction32 = (x: number): number => ((x - Math.floor(x)) * 0x100000000) | 0;
let k256: Int32Array | undefined;
let iv256: Int32Array | undefined;

// FIPS 180-4 §6.2.2.
const sha256Compress: Compress = (h, w) => {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!, y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  const K256 = (k256 ??= Int32Array.from(primes(64), (p) => fraction32(Math.cbrt(p))));
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
};

function hashFunction(spec: Spec): HashFunction {
  return {
    name: spec.name,
    blockBytes: 64,
    digestBytes: spec.digestBytes,
    rounds: spec.rounds,
    create: (h, length = 0) => new MdHasher(spec, h ?? spec.iv(), length),
    iv: () => spec.iv().slice(),
    compress: spec.compress,
  };
}

export const SHA1: HashFunction = /* @__PURE__ */ hashFunction({
  name: "SHA-1",
  iv: () => Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0),
  rounds: 80,
  digestBytes: 20,
  compress: sha1Compress,
});

export const SHA256: HashFunction = /* @__PURE__ */ hashFunction({
  name: "SHA-256",
  iv: () => (iv256 ??= Int32Array.from(primes(8), (p) => fraction32(Math.sqrt(p)))),
  rounds: 64,
  digestBytes: 32,
  compress: sha256Compress,
});

/** The digest of `data` in one call. */
export function hash(fn: HashFunction, data: Uint8Array): Uint8Array {
  return fn.create().update(data).digest();
}
