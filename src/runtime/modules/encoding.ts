// Module `k6/encoding` (k6 docs, javascript-api/k6-encoding): b64encode and b64decode with the
// "std" (padded, default), "rawstd", "url" and "rawurl" alphabets; b64decode returns an
// ArrayBuffer unless format is "s"; invalid input throws.
import type { CoreHost } from "./core-host.ts";
import { bytesOf, realmArrayBuffer, realmError } from "./realm-values.ts";

type Variant = "std" | "rawstd" | "url" | "rawurl";

function variant(encoding: unknown): Variant {
  // any other value falls back to std, as in k6
  return encoding === "rawstd" || encoding === "url" || encoding === "rawurl" ? encoding : "std";
}

const SHAPES: Record<Variant, RegExp> = {
  std: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  rawstd: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2,3})?$/,
  url: /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/,
  rawurl: /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/,
};

function inputBytes(host: CoreHost, input: unknown, fn: string): Uint8Array {
  if (typeof input === "string") return new TextEncoder().encode(input);
  const bytes = bytesOf(input);
  if (!bytes) throw realmError(host, `${fn}: input must be a string or an ArrayBuffer`, "TypeError");
  return bytes;
}

export function encodingModule(host: CoreHost): Record<string, unknown> {
  const b64encode = (input: unknown, encoding?: unknown): string => {
    const bytes = Buffer.from(inputBytes(host, input, "b64encode"));
    const v = variant(encoding);
    const url = v === "url" || v === "rawurl";
    let out = bytes.toString(url ? "base64url" : "base64");
    if (url && v === "url") out += "=".repeat((4 - (out.length % 4)) % 4);
    if (v === "rawstd") out = out.replace(/=+$/, "");
    return out;
  };

  const b64decode = (input: unknown, encoding?: unknown, format?: unknown): unknown => {
    const text = typeof input === "string" ? input : new TextDecoder().decode(inputBytes(host, input, "b64decode"));
    const v = variant(encoding);
    // Go's decoder skips line breaks.
    const clean = text.replace(/[\r\n]/g, "");
    if (!SHAPES[v].test(clean)) throw realmError(host, `b64decode: illegal base64 data for the "${v}" encoding`);
    const bytes = new Uint8Array(Buffer.from(clean, v === "url" || v === "rawurl" ? "base64url" : "base64"));
    if (format === "s") return new TextDecoder().decode(bytes);
    return realmArrayBuffer(host, bytes);
  };

  return { b64encode, b64decode };
}
