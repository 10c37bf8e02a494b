// A reusable fake VuHost for module tests: records samples, bytes and log lines, counts
// outstanding keepAlive registrations, runs dispatched callbacks synchronously or on setImmediate,
// and exposes the AbortController behind iterationSignal.
import { createContext, runInContext, type Context } from "node:vm";
import type { RuntimeOptions, SampleInput, Tags, VuHost } from "../../vu-host.ts";

export interface FakeHostOptions {
  phase?: "init" | "vu";
  options?: RuntimeOptions;
  tags?: Tags;
  /** "sync" runs dispatched callbacks at once; "immediate" (default) queues them on setImmediate */
  dispatch?: "sync" | "immediate";
}

export class FakeHost implements VuHost {
  readonly id = 1;
  readonly idInTest = 1;
  phase: "init" | "vu";
  readonly options: RuntimeOptions;
  readonly realm: typeof globalThis;
  /** the vm context behind `realm`, for compiling script code in it (see evaluate) */
  readonly context: Context;
  readonly samples: Required<Pick<SampleInput, "metric" | "value" | "tags" | "time">>[] = [];
  readonly logs: { level: string; message: string }[] = [];
  /** exceptions thrown by dispatched callbacks (k6 would end the iteration with the first) */
  readonly errors: unknown[] = [];
  bytesSent = 0;
  bytesReceived = 0;
  outstanding = 0;
  controller = new AbortController();
  readonly #tags: Tags;
  readonly #mode: "sync" | "immediate";
  #idleWaiters: (() => void)[] = [];

  constructor(opts: FakeHostOptions = {}) {
    this.phase = opts.phase ?? "vu";
    this.options = opts.options ?? {};
    this.#tags = opts.tags ?? { scenario: "default" };
    this.#mode = opts.dispatch ?? "immediate";
    this.context = createContext({});
    this.realm = runInContext("globalThis", this.context) as typeof globalThis;
  }

  /** Evaluates script source in the VU realm, as VU code would run. */
  evaluate<T>(source: string): T {
    return runInContext(source, this.context) as T;
  }

  get iterationSignal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts a new iteration: a fresh signal (and, for k6/http, a fresh cookie jar). */
  nextIteration(): void {
    this.controller = new AbortController();
  }

  currentTags(): Tags {
    return { ...this.#tags };
  }

  emit(sample: SampleInput): void {
    if (this.controller.signal.aborted) return;
    this.samples.push({ metric: sample.metric, value: sample.value, tags: sample.tags, time: sample.time ?? Date.now() });
  }

  countBytes(sent: number, received: number): void {
    this.bytesSent += sent;
    this.bytesReceived += received;
  }

  keepAlive(): () => void {
    this.outstanding++;
    let done = false;
    return () => {
      if (done) throw new Error("keepAlive release called twice");
      done = true;
      this.outstanding--;
      if (this.outstanding === 0) for (const w of this.#idleWaiters.splice(0)) w();
    };
  }

  dispatch(fn: () => void): void {
    const run = (): void => {
      if (this.controller.signal.aborted) return;
      try {
        fn();
      } catch (err) {
        this.errors.push(err);
      }
    };
    if (this.#mode === "sync") run();
    else setImmediate(run);
  }

  log(level: "debug" | "info" | "warn" | "error", message: string): void {
    this.logs.push({ level, message });
  }

  /** Resolves once nothing holds the event loop (bounded by timeoutMs). */
  idle(timeoutMs = 5000): Promise<void> {
    if (this.outstanding === 0) return new Promise((r) => setImmediate(r));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`event loop still held by ${this.outstanding} registrations`)), timeoutMs);
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        setImmediate(resolve);
      });
    });
  }

  metric(name: string): { value: number; tags: Tags; time: number }[] {
    return this.samples.filter((s) => s.metric === name);
  }
}
