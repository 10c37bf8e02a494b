// What the execution layer needs from the rest of the runtime, as small interfaces: the VU
// machinery (vu/) and the metrics engine (metrics/) are plugged in behind them.
import type { SampleSink, Vu } from "../contracts.ts";

/** What a loaded script exposes, read from the options VU (k6: init code run once with __VU = 0). */
export interface ScriptInfo {
  options: Record<string, unknown>;
  /** names of the exported functions */
  exports: readonly string[];
  /** whether the script imports calls that block their thread (sleep, synchronous http) */
  blocking: boolean;
}

/** k6/execution test.abort() and test.fail() reach the scheduler through this. */
export interface TestControl {
  abort(reason: string): void;
  fail(reason: string): void;
}

/** Creates VUs; the VUs may live in this thread, in worker threads or child processes. */
export interface VuFactory {
  /** VU `id` (__VU, 1-based) with its test-wide id (vu.idInTest). */
  create(id: number, idInTest: number): Promise<Vu>;
  /** A fresh VU with __VU = 0 for setup, teardown or handleSummary (k6 runs each in its own VU). */
  createLifecycle(): Promise<Vu>;
  close(): Promise<void>;
}

/** Live counters for the progress line and k6/execution `instance`. */
export interface RunCounters {
  iterationsCompleted: number;
  iterationsInterrupted: number;
  vusActive: number;
  vusInitialized: number;
}

export type { SampleSink, Vu };
