// A VU's realm: a fresh V8 context with only the JavaScript built-ins plus k6's globals
// (k6 docs, using-k6/execution-context-variables, javascript-api/init-context, k6-timers):
// __ENV, __VU, __ITER, open(), console, timers, `global` (extended compatibility mode),
// TextEncoder/TextDecoder and crypto.getRandomValues/randomUUID. Node's globals (process, Buffer,
// require, module, exports, setImmediate, queueMicrotask) are absent, and so are the V8 built-ins
// k6's engine lacks (SharedArrayBuffer, Atomics, WeakRef, FinalizationRegistry, WebAssembly), so a
// script that runs here also runs under k6.
import { randomFillSync, randomUUID } from "node:crypto";
import vm from "node:vm";
import type { TimerApi } from "../modules/index.ts";
import { formatConsoleArgs, type LogLevel } from "./logger.ts";

export interface RealmHooks {
  log(level: LogLevel, message: string): void;
  open(path: unknown, mode: unknown): unknown;
}

// Built in the realm so that instances and their prototypes belong to it.
const BOOTSTRAP = new vm.Script(`(function (h) {
  "use strict";
  const g = globalThis;
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") { return new Uint8Array(h.encode(String(input))); }
    encodeInto(input, dest) {
      const bytes = h.encode(String(input));
      const n = Math.min(bytes.length, dest.length);
      dest.set(bytes.subarray(0, n));
      return { read: h.charsIn(String(input), n), written: n };
    }
  }
  class TextDecoder {
    #d;
    constructor(label = "utf-8", options = {}) { this.#d = h.decoder(String(label), options); }
    get encoding() { return this.#d.encoding; }
    get fatal() { return this.#d.fatal; }
    get ignoreBOM() { return this.#d.ignoreBOM; }
    decode(input, options) { return this.#d.decode(input, options); }
  }
  const console = {};
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    console[level] = function (...args) { h.log(level, args); };
  }
  const crypto = {
    getRandomValues(array) { return h.fill(array); },
    randomUUID() { return h.uuid(); },
  };
  def("TextEncoder", TextEncoder);
  def("TextDecoder", TextDecoder);
  def("console", console);
  def("crypto", crypto);
  def("global", g);
})`, { filename: "k6-globals.js" });

/** V8 built-ins that k6's JavaScript engine does not provide (k6 docs, javascript-compatibility-mode). */
const ABSENT_IN_K6 = ["SharedArrayBuffer", "Atomics", "WeakRef", "FinalizationRegistry", "WebAssembly"];

const LEVELS: Record<string, LogLevel> = { log: "info", info: "info", warn: "warn", error: "error", debug: "debug" };

/** Creates a VU realm: its vm context and global object. */
export function createRealm(name: string, hooks: RealmHooks): { context: vm.Context; realm: typeof globalThis } {
  const context = vm.createContext({}, { name, codeGeneration: { strings: true, wasm: false } });
  const realm = vm.runInContext("globalThis", context) as typeof globalThis;
  const encoder = new TextEncoder();
  const install = BOOTSTRAP.runInContext(context) as (h: unknown) => void;
  install({
    encode: (s: string) => encoder.encode(s),
    charsIn: (s: string, bytes: number) => charsFittingIn(s, bytes),
    decoder: (label: string, options: { fatal?: boolean; ignoreBOM?: boolean }) => {
      try {
        return new TextDecoder(label, options);
      } catch {
        throw new realm.RangeError(`The "${label}" encoding is not supported`);
      }
    },
    log: (level: string, args: unknown[]) => hooks.log(LEVELS[level] ?? "info", formatConsoleArgs(args)),
    fill: (array: unknown) => {
      if (!ArrayBuffer.isView(array) || array instanceof DataView || isFloatArray(array)) {
        throw new realm.TypeError("crypto.getRandomValues: argument must be an integer TypedArray");
      }
      if (array.byteLength > 65536) throw new realm.RangeError("crypto.getRandomValues: more than 65536 bytes requested");
      randomFillSync(array as NodeJS.ArrayBufferView);
      return array;
    },
    uuid: () => randomUUID(),
  });
  for (const name of ABSENT_IN_K6) delete (realm as unknown as Record<string, unknown>)[name];
  defineGlobals(realm, { open: (path: unknown, mode: unknown) => hooks.open(path, mode) });
  return { context, realm };
}

/** Defines non-enumerable, writable globals in the realm. */
export function defineGlobals(realm: typeof globalThis, globals: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(globals)) {
    Object.defineProperty(realm, key, { value, writable: true, configurable: true, enumerable: false });
  }
}

/** The timer globals (the same functions k6/timers exports). */
export function timerGlobals(timers: TimerApi): Record<string, unknown> {
  return {
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
  };
}

function isFloatArray(v: ArrayBufferView): boolean {
  const tag = Object.prototype.toString.call(v);
  return tag === "[object Float32Array]" || tag === "[object Float64Array]";
}

/** UTF-16 code units of s whose UTF-8 encoding fits in the given number of bytes. */
function charsFittingIn(s: string, bytes: number): number {
  let used = 0;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (used + size > bytes) break;
    used += size;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return i;
}
