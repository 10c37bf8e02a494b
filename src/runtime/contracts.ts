// Contracts between the runtime's parts:
//   vu/         loads a bundle into a VU (own realm), runs iterations, implements VuHost
//   execution/  options, executors, scheduling, worker threads and child processes, CLI
//   metrics/    metric registry, sinks, thresholds, summary data, outputs
//   modules/    k6 module implementations (ModuleFactory, see vu-host.ts)
// Everything crossing a thread or process boundary is plain JSON-serialisable data.
import type { MetricType, Tags, ValueType } from "./vu-host.ts";

export type { MetricType, Tags, ValueType } from "./vu-host.ts";

/** One metric sample as k6 records it (k6 docs, using-k6/metrics/reference and results-output/real-time/json). */
export interface Sample {
  metric: string;
  /** ms since the epoch (float) */
  time: number;
  value: number;
  tags: Tags;
  metadata?: Record<string, string>;
}

/** Where samples go. The metrics engine implements it; each thread has one. */
export interface SampleSink {
  add(sample: Sample): void;
}

/**
 * Declares metrics (built-in and custom) and validates names and re-declarations
 * (k6 docs, javascript-api/k6-metrics; k6 metrics/registry.go).
 */
export interface MetricDeclarations {
  /** Throws a clear Error for an invalid name or a type/valueType clash with an earlier declaration. */
  declare(name: string, type: MetricType, contains: ValueType): void;
}

/** What the scheduler tells a VU about the scenario it runs in (k6/execution `scenario`). */
export interface ScenarioInfo {
  name: string;
  executor: string;
  /** exported function to call; "default" unless the scenario sets `exec` */
  exec: string;
  /** ms since the epoch */
  startTime: number;
  /** scenario `env` merged over the global env (`-e`, system env) */
  env: Record<string, string>;
  /** test-wide tags plus scenario `tags` plus { scenario: name } */
  tags: Tags;
}

export interface IterationRequest {
  scenario: ScenarioInfo;
  iterationInScenario: number;
  iterationInTest: number;
  /** 0..1 progress of the scenario when the iteration starts (k6/execution scenario.progress) */
  progress: number;
}

export type IterationOutcome =
  | { status: "completed"; durationMs: number; error?: string }
  | { status: "interrupted"; durationMs: number; error?: string };

/** A VU as the scheduler sees it. VUs may live in another thread or process behind a proxy. */
export interface Vu {
  readonly id: number;
  readonly idInTest: number;
  /**
   * Runs one iteration: calls `scenario.exec`, then waits until the VU's event loop is empty
   * (k6 internal/js/eventloop/eventloop.go). Aborting `stop` interrupts it (sockets closed, timers
   * dropped, late samples discarded) and the outcome is "interrupted".
   */
  runIteration(request: IterationRequest, stop: AbortSignal): Promise<IterationOutcome>;
  /** Calls an exported lifecycle function (setup, teardown, handleSummary) with JSON arguments. */
  callLifecycle(name: "setup" | "teardown" | "handleSummary", args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}
