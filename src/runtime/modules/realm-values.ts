// Values handed to VU code are built from the VU realm's intrinsics so that `instanceof Error`,
// `instanceof ArrayBuffer` and friends hold in the script.
import type { VuHost } from "../vu-host.ts";

type ErrorKind = "Error" | "TypeError" | "RangeError" | "SyntaxError";

/** An error object of the VU's realm, to be thrown into VU code. */
export function realmError(host: VuHost, message: string, kind: ErrorKind = "Error"): Error {
  const Ctor = host.realm[kind] as ErrorConstructor;
  return new Ctor(message);
}

/** A realm ArrayBuffer holding a copy of bytes. */
export function realmArrayBuffer(host: VuHost, bytes: Uint8Array): ArrayBuffer {
  const buffer = new host.realm.ArrayBuffer(bytes.byteLength);
  new host.realm.Uint8Array(buffer).set(bytes);
  return buffer;
}

/** A deep copy of JSON-like data as realm objects. */
export function toRealm(host: VuHost, value: unknown): unknown {
  if (value === undefined) return undefined;
  return host.realm.JSON.parse(JSON.stringify(value));
}

/** Bytes of an ArrayBuffer / typed array / DataView from any realm, or undefined. */
export function bytesOf(value: unknown): Uint8Array | undefined {
  const tag = Object.prototype.toString.call(value);
  if (tag === "[object ArrayBuffer]") return new Uint8Array(value as ArrayBuffer);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** Whether a tag value is acceptable to k6 (string, number or boolean), converted to string. */
export function tagValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Merges a script-supplied tags object, throwing a realm TypeError for non-primitive values. */
export function mergeTags(host: VuHost, base: Record<string, string>, extra: unknown): Record<string, string> {
  if (extra === undefined || extra === null) return base;
  if (typeof extra !== "object") throw realmError(host, "tags must be an object", "TypeError");
  const out = { ...base };
  for (const [key, raw] of Object.entries(extra as Record<string, unknown>)) {
    const v = tagValue(raw);
    if (v === undefined) throw realmError(host, `invalid value for metric tag '${key}': only String, Boolean and Number types are accepted`, "TypeError");
    out[key] = v;
  }
  return out;
}
