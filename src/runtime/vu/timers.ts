// setTimeout/clearTimeout/setInterval/clearInterval with k6 semantics (k6 docs,
// javascript-api/k6-timers): per-VU integer ids from 1 that never reset, delay in ms with negative
// or NaN meaning 0, extra arguments passed to the callback, `this` is globalThis, a non-callable
// callback throws, clearing an unknown id is a no-op, timers due at the same time run in creation
// order, an interval is re-armed after its callback returns. Each pending timer keeps the
// iteration alive; interruption drops them with k6's warning.
import type { TimerApi } from "../modules/index.ts";
import type { EventLoop } from "./loop.ts";

interface Pending {
  id: number;
  kind: "setTimeout" | "setInterval";
  due: number;
  /** arming order, to break ties between timers due at the same time */
  seq: number;
  ms: number;
  fn: (...a: unknown[]) => unknown;
  args: unknown[];
  release: () => void;
}

const MAX_DELAY = 2 ** 31 - 1;
/** Node may wake a timer up to about a millisecond before the performance clock says it is due. */
const EARLY_MS = 1;

export class VuTimers implements TimerApi {
  readonly #loop: EventLoop;
  readonly #realm: typeof globalThis;
  readonly #warn: (message: string) => void;
  /** pending timers ordered by (due, seq) */
  #queue: Pending[] = [];
  #handle: ReturnType<typeof setTimeout> | undefined;
  #handleDue = Infinity;
  #nextId = 1;
  #seq = 0;
  #running: Pending | undefined;
  #runningCleared = false;

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
    const dropped = [...this.#queue].sort((a, b) => a.id - b.id);
    this.#queue = [];
    this.#reschedule();
    for (const timer of dropped) {
      if (interrupted) this.#warn(`${timer.kind} ${timer.id} was stopped because the VU iteration was interrupted`);
      timer.release();
    }
  }

  #arm(kind: Pending["kind"], callback: unknown, delay: unknown, args: unknown[]): number {
    if (typeof callback !== "function") {
      throw new (this.#realm.TypeError as TypeErrorConstructor)(`${kind}'s callback isn't a callable function`);
    }
    const id = this.#nextId++;
    const ms = toDelay(delay);
    const fn = callback as (...a: unknown[]) => unknown;
    this.#insert({ id, kind, due: performance.now() + ms, seq: this.#seq++, ms, fn, args, release: this.#loop.register() });
    return id;
  }

  #insert(timer: Pending): void {
    let i = this.#queue.length;
    while (i > 0 && later(this.#queue[i - 1]!, timer)) i--;
    this.#queue.splice(i, 0, timer);
    this.#reschedule();
  }

  #clear(id: unknown): void {
    const n = typeof id === "number" ? id : Number(id);
    const i = this.#queue.findIndex((t) => t.id === n);
    if (i < 0) {
      // clearInterval from inside the interval's own callback stops it
      if (this.#running?.id === n) this.#runningCleared = true;
      return;
    }
    const [timer] = this.#queue.splice(i, 1);
    this.#reschedule();
    timer!.release();
  }

  #reschedule(): void {
    const next = this.#queue[0];
    if (next === undefined) {
      if (this.#handle !== undefined) clearTimeout(this.#handle);
      this.#handle = undefined;
      this.#handleDue = Infinity;
      return;
    }
    if (this.#handle !== undefined && this.#handleDue === next.due) return;
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handleDue = next.due;
    this.#handle = setTimeout(() => this.#fireDue(), Math.max(0, next.due - performance.now()));
  }

  #fireDue(): void {
    this.#handle = undefined;
    this.#handleDue = Infinity;
    const now = performance.now() + EARLY_MS;
    // Only timers due by now run in this turn; re-armed intervals wait for a later turn.
    let guard = this.#queue.length;
    while (guard-- > 0) {
      const timer = this.#queue[0];
      if (timer === undefined || timer.due > now) break;
      this.#queue.shift();
      this.#running = timer;
      this.#runningCleared = false;
      this.#loop.run(() => timer.fn.apply(this.#realm, timer.args));
      this.#running = undefined;
      if (timer.kind === "setInterval" && this.#loop.accepting && !this.#runningCleared) {
        timer.due = performance.now() + timer.ms;
        timer.seq = this.#seq++;
        this.#insert(timer);
      } else {
        timer.release();
      }
    }
    this.#reschedule();
  }
}

function later(a: Pending, b: Pending): boolean {
  return a.due > b.due || (a.due === b.due && a.seq > b.seq);
}

function toDelay(delay: unknown): number {
  const n = Number(delay);
  if (!Number.isFinite(n) || n < 0) return n === Infinity ? MAX_DELAY : 0;
  return Math.min(n, MAX_DELAY);
}
