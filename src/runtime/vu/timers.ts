// setTimeout/clearTimeout/setInterval/clearInterval with k6 semantics (k6 docs,
// javascript-api/k6-timers): per-VU integer ids from 1 that never reset, delay in ms with negative
// or NaN meaning 0, extra arguments passed to the callback, `this` is globalThis, a non-callable
// callback throws, clearing an unknown id is a no-op, an interval is re-armed after its callback
// returns. Each pending timer keeps the iteration alive; interruption drops them with a warning.
import type { TimerApi } from "../modules/index.ts";
import type { EventLoop } from "./loop.ts";

interface Pending {
  kind: "setTimeout" | "setInterval";
  handle: ReturnType<typeof setTimeout>;
  release: () => void;
}

const MAX_DELAY = 2 ** 31 - 1;

export class VuTimers implements TimerApi {
  readonly #loop: EventLoop;
  readonly #realm: typeof globalThis;
  readonly #warn: (message: string) => void;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(loop: EventLoop, realm: typeof globalThis, warn: (message: string) => void) {
    this.#loop = loop;
    this.#realm = realm;
    this.#warn = warn;
  }

  setTimeout = (callback: unknown, delay?: unknown, ...args: unknown[]): number =>
    this.#arm("setTimeout", callback, delay, args);

  setInterval = (callback: unknown, delay?: unknown, ...args: unknown[]): number =>
    this.#arm("setInterval", callback, delay, args);

  clearTimeout = (id: unknown): void => this.#clear(id);
  clearInterval = (id: unknown): void => this.#clear(id);

  /** Drops every pending timer; on interruption each one is reported as k6 does. */
  dropAll(interrupted: boolean): void {
    for (const [id, timer] of this.#pending) {
      clearTimeout(timer.handle);
      if (interrupted) this.#warn(`${timer.kind} ${id} was stopped because the VU iteration was interrupted`);
      timer.release();
    }
    this.#pending.clear();
  }

  #arm(kind: Pending["kind"], callback: unknown, delay: unknown, args: unknown[]): number {
    if (typeof callback !== "function") {
      throw new (this.#realm.TypeError as TypeErrorConstructor)(`${kind}'s callback isn't a callable function`);
    }
    const id = this.#nextId++;
    const ms = toDelay(delay);
    const fn = callback as (...a: unknown[]) => unknown;
    const release = this.#loop.register();
    const fire = (): void => {
      const timer = this.#pending.get(id);
      if (!timer) return;
      if (kind === "setTimeout") {
        this.#pending.delete(id);
        this.#loop.run(() => fn.apply(this.#realm, args));
        timer.release();
        return;
      }
      this.#loop.run(() => fn.apply(this.#realm, args));
      // Re-armed after the callback returns, unless it cleared itself or the run ended.
      if (this.#pending.get(id) === timer && this.#loop.accepting) timer.handle = setTimeout(fire, ms);
    };
    this.#pending.set(id, { kind, handle: setTimeout(fire, ms), release });
    return id;
  }

  #clear(id: unknown): void {
    const n = typeof id === "number" ? id : Number(id);
    const timer = this.#pending.get(n);
    if (!timer) return;
    clearTimeout(timer.handle);
    this.#pending.delete(n);
    timer.release();
  }
}

function toDelay(delay: unknown): number {
  const n = Number(delay);
  if (!Number.isFinite(n) || n < 0) return n === Infinity ? MAX_DELAY : 0;
  return Math.min(n, MAX_DELAY);
}
