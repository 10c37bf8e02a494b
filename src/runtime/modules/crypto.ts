// Module `k6/crypto` (k6 docs, javascript-api/k6-crypto), the cheap part: md5, sha1, sha256,
// sha384, sha512 digests, hmac, createHash/createHMAC and randomBytes. Output encodings "hex",
// "base64", "base64url" (padded), "base64rawurl" and "binary" (ArrayBuffer).
import { createHash, createHmac, randomBytes as nodeRandomBytes } from "node:crypto";
import type { CoreHost } from "./core-host.ts";
import { bytesOf, realmArrayBuffer, realmError } from "./realm-values.ts";

const ALGORITHMS: Record<string, string> = { md5: "md5", sha1: "sha1", sha256: "sha256", sha384: "sha384", sha512: "sha512" };

export function cryptoModule(host: CoreHost): Record<string, unknown> {
  const data = (input: unknown): Uint8Array => {
    if (typeof input === "string") return new TextEncoder().encode(input);
    const bytes = bytesOf(input);
    if (!bytes) throw realmError(host, "k6/crypto: input must be a string or an ArrayBuffer", "TypeError");
    return bytes;
  };
  const algorithm = (name: unknown): string => {
    const a = ALGORITHMS[String(name)];
    if (!a) throw realmError(host, `k6/crypto: unsupported hash algorithm "${String(name)}" (supported: ${Object.keys(ALGORITHMS).join(", ")})`);
    return a;
  };
  const output = (digest: Buffer, encoding: unknown): unknown => {
    switch (encoding) {
      case "hex": return digest.toString("hex");
      case "base64": return digest.toString("base64");
      case "base64url": {
        const s = digest.toString("base64url");
        return s + "=".repeat((4 - (s.length % 4)) % 4);
      }
      case "base64rawurl": return digest.toString("base64url");
      case "binary": return realmArrayBuffer(host, new Uint8Array(digest));
      default: throw realmError(host, `k6/crypto: invalid output encoding "${String(encoding)}" (use hex, base64, base64url, base64rawurl or binary)`);
    }
  };

  const exports: Record<string, unknown> = {};
  for (const name of Object.keys(ALGORITHMS)) {
    exports[name] = (input: unknown, encoding: unknown) => output(createHash(algorithm(name)).update(data(input)).digest(), encoding);
  }
  exports.hmac = (alg: unknown, secret: unknown, input: unknown, encoding: unknown) =>
    output(createHmac(algorithm(alg), data(secret)).update(data(input)).digest(), encoding);
  exports.createHash = (alg: unknown) => {
    const h = createHash(algorithm(alg));
    return { update: (input: unknown) => void h.update(data(input)), digest: (encoding: unknown) => output(h.digest(), encoding) };
  };
  exports.createHMAC = (alg: unknown, secret: unknown) => {
    const h = createHmac(algorithm(alg), data(secret));
    return { update: (input: unknown) => void h.update(data(input)), digest: (encoding: unknown) => output(h.digest(), encoding) };
  };
  exports.randomBytes = (size: unknown) => {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 0 || n > 65536) throw realmError(host, "k6/crypto randomBytes: size must be an integer between 0 and 65536", "RangeError");
    return realmArrayBuffer(host, new Uint8Array(nodeRandomBytes(n)));
  };
  return exports;
}
