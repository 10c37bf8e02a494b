// Values handed to VU code are built from the VU realm's intrinsics, so `instanceof Error`,
// `instanceof ArrayBuffer` and Promise chaining behave in the script as they do in k6.
import { types } from "node:util";

export type Realm = typeof globalThis;

/** An Error of the VU realm with a DOMException-style `name` (k6 throws InvalidStateError, …). */
export function realmError(realm: Realm, name: string, message: string): Error {
  const err = new realm.Error(message);
  if (name !== "Error") err.name = name;
  return err;
}

export function realmTypeError(realm: Realm, message: string): Error {
  return new realm.TypeError(message);
}

/** A fresh ArrayBuffer of the VU realm holding a copy of `bytes`. */
export function realmArrayBuffer(realm: Realm, bytes: Uint8Array): ArrayBuffer {
  const out = new realm.Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out.buffer;
}

/** Bytes of an ArrayBuffer or ArrayBufferView from any realm, without copying; undefined otherwise. */
export function bytesOf(value: unknown): Uint8Array | undefined {
  if (types.isArrayBuffer(value) || types.isSharedArrayBuffer(value)) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** Plain-object test that works across realms. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A factory for frozen event objects built in the VU realm. Compiled once per VU with the realm's
 * Function constructor; falls back to realm Object.create when code generation is disabled.
 */
export type EventFactory = (type: string, target: object, timestamp: number) => Record<string, unknown>;

export function eventFactory(realm: Realm): EventFactory {
  try {
    const make = new realm.Function("type", "target", "timestamp", "return { type, target, timestamp };");
    return make as EventFactory;
  } catch {
    const proto = realm.Object.prototype;
    return (type, target, timestamp) => {
      const ev = realm.Object.create(proto) as Record<string, unknown>;
      ev.type = type;
      ev.target = target;
      ev.timestamp = timestamp;
      return ev;
    };
  }
}

/** ms since the epoch with sub-ms precision (k6 event timestamps are floats). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
