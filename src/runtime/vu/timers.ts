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
  /** cleared while still in the heap (removed lazily when it reaches the top) */
  cleared: boolean;
}

const MAX_DELAY = 2 ** 31 - 1;
/** Node may wake a timer up to about a millisecond before the performance clock says it is due. */
const EARLY_MS = 1;

export class VuTimers implements TimerApi {
  readonly #loop: EventLoop;
  readonly #realm: typeof globalThis;
  readonly #warn: (message: string) => void;
  /** binary min-heap on (due, seq); cleared entries stay until they reach the top or a compaction */
  #heap: Pending[] = [];
  /** pending (armed, not cleared) timers by id */
  readonly #byId = new Map<number, Pending>();
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

  /** Timers armed and not yet run or cleared. */
  get pending(): number {
    return this.#byId.size;
  }

  /** Drops every pending timer; on interruption each one is reported as k6 does. */
  dropAll(interrupted: boolean): void {
    const dropped = [...this.#byId.values()].sort((a, b) => a.id - b.id);
    this.#heap = [];
    this.#byId.clear();
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
    const timer: Pending = { id, kind, due: performance.now() + ms, seq: this.#seq++, ms, fn, args, release: this.#loop.register(), cleared: false };
    this.#byId.set(id, timer);
    this.#push(timer);
    this.#reschedule();
    return id;
  }

  #clear(id: unknown): void {
    const n = typeof id === "number" ? id : Number(id);
    const timer = this.#byId.get(n);
    if (timer === undefined) {
      // clearInterval from inside the interval's own callback stops it
      if (this.#running?.id === n) this.#runningCleared = true;
      return;
    }
    this.#byId.delete(n);
    timer.cleared = true;
    // cleared entries are dropped when they reach the top; rebuild once they are most of the heap
    if (this.#heap.length > 64 && this.#heap.length > 2 * this.#byId.size) this.#compact();
    this.#reschedule();
    timer.release();
  }

  #reschedule(): void {
    const next = this.#top();
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
    let guard = this.#byId.size;
    while (guard-- > 0) {
      const timer = this.#top();
      if (timer === undefined || timer.due > now) break;
      this.#pop();
      this.#byId.delete(timer.id);
      this.#running = timer;
      this.#runningCleared = false;
      this.#loop.run(() => timer.fn.apply(this.#realm, timer.args));
      this.#running = undefined;
      if (timer.kind === "setInterval" && this.#loop.accepting && !this.#runningCleared) {
        timer.due = performance.now() + timer.ms;
        timer.seq = this.#seq++;
        this.#byId.set(timer.id, timer);
        this.#push(timer);
      } else {
        timer.release();
      }
    }
    this.#reschedule();
  }

  /** The earliest pending timer, dropping cleared entries on the way. */
  #top(): Pending | undefined {
    while (this.#heap.length > 0 && this.#heap[0]!.cleared) this.#pop();
    return this.#heap[0];
  }

  #compact(): void {
    this.#heap = this.#heap.filter((t) => !t.cleared);
    for (let i = (this.#heap.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  #push(timer: Pending): void {
    const h = this.#heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!later(h[parent]!, timer)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = timer;
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    h[0] = last;
    this.#down(0);
  }

  #down(start: number): void {
    const h = this.#heap;
    const item = h[start]!;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && later(h[l]!, h[r]!) ? r : l;
      if (!later(item, h[c]!)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = item;
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
