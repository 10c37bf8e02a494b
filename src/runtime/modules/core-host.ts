// What the core k6 modules (k6, k6/metrics, k6/execution, k6/data, …) need from their VU beyond
// the VuHost contract: group path, iteration state, execution state, metric declarations, the
// process-wide SharedArray store and a blocking sleep. The VU machinery (src/runtime/vu)
// implements it; modules written against plain VuHost (k6/http, k6/websockets) also accept it.
import type { MetricType, Tags, ValueType, VuHost } from "../vu-host.ts";
import type { MetricDeclarations } from "../contracts.ts";

export type { MetricDeclarations, MetricType, Tags, ValueType, VuHost };

/** Live run counters (k6/execution `instance`). */
export interface InstanceCounters {
  iterationsCompleted: number;
  iterationsInterrupted: number;
  vusActive: number;
  vusInitialized: number;
}

/** Test-wide state and control the execution layer provides (k6/execution `instance`, `test`). */
export interface ExecutionState {
  counters(): InstanceCounters;
  /** ms since the test run started */
  testRunDurationMs(): number;
  /** consolidated options with the shortcut keys vus/iterations/duration/stages removed */
  options(): Record<string, unknown>;
  /** k6/execution test.abort(): stop the run (exit code 108), teardown still runs */
  abort(reason: string): void;
  /** k6/execution test.fail(): mark the run failed (exit code 110), keep running */
  fail(reason: string): void;
}

/** What the VU is running now (k6/execution `vu` and `scenario`). */
export interface IterationState {
  scenario: string;
  executor: string;
  startTime: number;
  progress: number;
  /** __ITER: per-VU counter across scenarios */
  iterationInInstance: number;
  /** per-VU counter within the current scenario activation */
  iterationInScenario: number;
  /** scenario-wide counters */
  scenarioIterationInInstance: number;
  scenarioIterationInTest: number;
}

/** Process-wide store for k6/data SharedArray (one generator call per name per process). */
export interface SharedStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  has(name: string): boolean;
}

export interface CoreHost extends VuHost {
  /** Current group path ("" at the root, "::a::b" nested); k6 `group()` sets it. */
  groupPath: string;
  /** undefined in init, setup, teardown and handleSummary */
  readonly iteration: IterationState | undefined;
  /** vu.metrics.tags of k6/execution: tags added to every sample of this VU */
  /** replaced, never changed in place (samples share it) */
  vuTags: Tags;
  vuMetadata: Record<string, string>;
  readonly execution: ExecutionState;
  readonly declarations: MetricDeclarations;
  readonly shared: SharedStore;
  /** Blocks the thread for ms; returns early when the iteration is interrupted (k6 sleep). */
  sleep(ms: number): void;
  /** Makes the realm's Math.random deterministic (k6 randomSeed). */
  setRandomSeed(seed: number): void;
  /** Interrupts the current run (k6/execution test.abort): outcome "interrupted". */
  interrupt(): void;
  /** Timers of the VU's event loop (global setTimeout & co. and k6/timers). */
  readonly timers: TimerApi;
}

export interface TimerApi {
  setTimeout(callback: unknown, delay?: unknown, ...args: unknown[]): number;
  clearTimeout(id: unknown): void;
  setInterval(callback: unknown, delay?: unknown, ...args: unknown[]): number;
  clearInterval(id: unknown): void;
}

/** A factory for a core module: called once per VU with that VU's CoreHost. */
export type CoreModuleFactory = (host: CoreHost) => Record<string, unknown>;
