// The contract between the runtime's VU machinery and the k6 module implementations
// (k6/websockets, k6/http, k6/encoding, …). Each VU gets its own VuHost; a module
// implementation is a factory `(host: VuHost) => exports` called once per VU.
//
// Semantics follow k6 (k6 docs, using-k6/test-lifecycle; k6 source: internal/js/eventloop/eventloop.go,
// internal/js/runner.go `runFn`, metrics/sample.go `PushIfNotDone`): samples pushed after an
// iteration was interrupted are dropped; open sockets and timers keep an iteration alive;
// a throwing event handler ends the iteration.

export type Tags = Record<string, string>;

export type MetricType = "counter" | "gauge" | "rate" | "trend";
export type ValueType = "default" | "time" | "data";

export interface SampleInput {
  metric: string;
  value: number;
  tags: Tags;
  /** ms since the epoch; defaults to now */
  time?: number;
  /** k6 "metadata" (e.g. vu, iter when enabled): not tags, not indexed */
  metadata?: Record<string, string>;
}

/** The consolidated k6 options a module may consult (k6 option names). */
export interface RuntimeOptions {
  insecureSkipTLSVerify?: boolean;
  userAgent?: string;
  throw?: boolean;
  discardResponseBodies?: boolean;
  maxRedirects?: number;
  batch?: number;
  batchPerHost?: number;
  noCookiesReset?: boolean;
  /** hostname → "ip" or "ip:port" (k6 `hosts` option) */
  hosts?: Record<string, string>;
  systemTags?: readonly string[];
  [key: string]: unknown;
}

export interface VuHost {
  /** __VU / vu.idInInstance (1-based); 0 for the VU used for options, setup, teardown, handleSummary */
  readonly id: number;
  readonly idInTest: number;
  /** "init" while the bundle's top-level code runs; "vu" once setup/iterations/teardown run */
  readonly phase: "init" | "vu";
  readonly options: RuntimeOptions;
  /**
   * The VU's global object. VU code runs in its own realm (no Node globals), so a module that
   * hands objects to the script builds them from these intrinsics (realm.Promise,
   * realm.ArrayBuffer, realm.Error, …) for `instanceof` to hold in the script.
   */
  readonly realm: typeof globalThis;

  /**
   * Tags every sample emitted now must carry: test-wide tags, scenario, group path, vu.metrics.tags.
   * The object may be shared by many samples: copy it before adding tags.
   */
  currentTags(): Tags;
  /** Record a sample. Dropped if the current iteration was interrupted (k6 PushIfNotDone). */
  emit(sample: SampleInput): void;
  /** Bytes on the VU's connections; flushed as data_sent/data_received at the end of each iteration. */
  countBytes(sent: number, received: number): void;

  /**
   * Register outstanding work (an open socket, an in-flight async request) that keeps the current
   * iteration from ending. Call the returned function exactly once when the work is done.
   */
  keepAlive(): () => void;
  /**
   * Run a JS callback on behalf of the VU (an event handler, a promise settlement). It is dropped
   * if the iteration was interrupted; if it throws, the iteration ends with that error, as in k6.
   */
  dispatch(fn: () => void): void;
  /** Aborted when the current iteration is interrupted (gracefulStop, ramp-down, test.abort, error). */
  readonly iterationSignal: AbortSignal;

  /** k6's log (console.warn-level messages such as "unknown event type" warnings). */
  log(level: "debug" | "info" | "warn" | "error", message: string): void;
}

/** A k6 module implementation: called once per VU, returns the module's named exports. */
export type ModuleFactory = (host: VuHost) => Record<string, unknown>;
