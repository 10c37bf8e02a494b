// k6/websockets Blob (k6 docs, javascript-api/k6-websockets/blob): size, type, arrayBuffer(),
// bytes(), text(), slice(), stream(). Parts may be strings, ArrayBuffers, ArrayBufferViews or Blobs.
import { ReadableStream } from "node:stream/web";
import { bytesOf, isPlainObject, realmArrayBuffer, realmTypeError, type Realm } from "../realm.ts";

const contents = new WeakMap<object, Uint8Array>();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The bytes of a Blob built by any VU's Blob class, or undefined for anything else. */
export function blobBytes(value: unknown): Uint8Array | undefined {
  return typeof value === "object" && value !== null ? contents.get(value) : undefined;
}

export interface BlobInstance {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
  slice(start?: number, end?: number, contentType?: string): BlobInstance;
  stream(): ReadableStream<Uint8Array>;
}

export type BlobClass = new (parts?: unknown, options?: unknown) => BlobInstance;

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function relative(index: number | undefined, size: number, fallback: number): number {
  if (index === undefined) return fallback;
  const i = Math.trunc(Number(index)) || 0;
  return i < 0 ? Math.max(size + i, 0) : Math.min(i, size);
}

/** A Blob class whose promises, ArrayBuffers and errors belong to `realm`. */
export function blobClass(realm: Realm): BlobClass {
  const Blob = class Blob implements BlobInstance {
    readonly #type: string;
    constructor(parts?: unknown, options?: unknown) {
      const chunks: Uint8Array[] = [];
      let total = 0;
      if (parts !== undefined && parts !== null) {
        if (typeof (parts as Iterable<unknown>)[Symbol.iterator] !== "function" || typeof parts === "string") {
          throw realmTypeError(realm, "Blob: the blobParts argument must be an array");
        }
        for (const part of parts as Iterable<unknown>) {
          const bytes = typeof part === "string" ? encoder.encode(part) : (blobBytes(part) ?? bytesOf(part));
          const chunk = bytes ?? encoder.encode(String(part));
          chunks.push(chunk);
          total += chunk.byteLength;
        }
      }
      const type = isPlainObject(options) && options.type !== undefined ? String(options.type) : "";
      this.#type = /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : "";
      contents.set(this, concat(chunks, total));
    }
    get size(): number {
      return contents.get(this)!.byteLength;
    }
    get type(): string {
      return this.#type;
    }
    arrayBuffer(): Promise<ArrayBuffer> {
      return realm.Promise.resolve(realmArrayBuffer(realm, contents.get(this)!));
    }
    bytes(): Promise<Uint8Array> {
      return realm.Promise.resolve(new realm.Uint8Array(realmArrayBuffer(realm, contents.get(this)!)));
    }
    text(): Promise<string> {
      return realm.Promise.resolve(decoder.decode(contents.get(this)!));
    }
    slice(start?: number, end?: number, contentType?: string): BlobInstance {
      const bytes = contents.get(this)!;
      const from = relative(start, bytes.byteLength, 0);
      const to = Math.max(relative(end, bytes.byteLength, bytes.byteLength), from);
      return new Blob([bytes.subarray(from, to)], { type: contentType ?? "" });
    }
    stream(): ReadableStream<Uint8Array> {
      const bytes = contents.get(this)!;
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new realm.Uint8Array(realmArrayBuffer(realm, bytes)));
          controller.close();
        },
      });
    }
  };
  // instances inherit from the script realm's Object.prototype, like every k6 value
  Object.setPrototypeOf(Blob.prototype, realm.Object.prototype);
  return Blob;
}

/** Wraps received bytes (already owned by the caller) in a Blob of `Blob`'s class without copying. */
export function adoptBlob(Blob: BlobClass, bytes: Uint8Array): BlobInstance {
  const blob = new Blob();
  contents.set(blob, bytes);
  return blob;
}
