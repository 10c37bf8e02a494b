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
  /** The JSON result of setup(), handed to every VU before its first iteration (k6 test-lifecycle). */
  setSetupData(data: unknown): Promise<void>;
  /** Metrics states gathered by VUs in other threads/processes since the last call (merged exactly by the caller). */
  drainMetrics?(): Promise<unknown[]>;
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

/** The result of one threshold evaluation. */
export interface ThresholdVerdict {
  /** some threshold is failing */
  failed: boolean;
  /** an abortOnFail threshold failed (after its delayAbortEval) */
  abort: boolean;
  /** the metrics (or submetrics) with failing thresholds */
  metrics?: string[];
}

export interface SummaryInput {
  setupData: unknown;
  testRunDurationMs: number;
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
}

/** The metrics engine as the execution layer uses it (metrics/ implements the real one). */
export interface MetricsPort extends SampleSink {
  /** Adds a state drained from another thread's engine (exact merge). */
  merge(state: unknown): void;
  /** k6 docs, using-k6/thresholds: every 2 s during the run (final = false) and once at the end. */
  evaluateThresholds(final: boolean, elapsedMs: number): ThresholdVerdict;
  /** The handleSummary(data) argument. */
  summaryData(input: SummaryInput): Record<string, unknown>;
  /** The default end-of-test text summary. */
  textSummary(data: Record<string, unknown>): string;
  /** The --summary-export document (k6's legacy JSON shape). */
  summaryExport(data: Record<string, unknown>): string;
  /** Flushes and closes outputs (e.g. --out json). */
  close(): Promise<void>;
}

/** Where the runtime writes: the CLI passes the process streams, tests pass buffers. */
export interface Console {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly isStdOutTTY: boolean;
  readonly isStdErrTTY: boolean;
}
