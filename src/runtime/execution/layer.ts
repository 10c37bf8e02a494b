// What a thread that hosts VUs needs: a way to create VUs of the script and a metrics engine of
// its own. The real layer wires vu/ and metrics/; tests plug in a fake layer module.
import type { Sample, SampleSink, Vu } from "../contracts.ts";
import type { TestControl } from "./ports.ts";

export interface LayerInit {
  scriptPath: string;
  /** consolidated options (k6 test.options) */
  options: Record<string, unknown>;
  /** __ENV at init: -e variables and the system environment */
  env: Record<string, string>;
  /** test-wide tags */
  tags: Record<string, string>;
  /** custom metrics declared by the script's init code (so thresholds on them compile everywhere) */
  declarations: Array<{ name: string; type: "counter" | "gauge" | "rate" | "trend"; contains: "default" | "time" | "data" }>;
  /** k6/execution instance counters shared with the scheduler (see SharedCounters) */
  counters: SharedArrayBuffer;
}

/** A thread-local metrics engine whose state the main thread merges exactly. */
export interface LocalMetrics extends SampleSink {
  snapshot(): unknown;
}

/** A VU as a layer creates it: setup data may arrive after the VU was initialised (k6 runs setup after init). */
export interface LayerVu extends Vu {
  setSetupData?(data: unknown): void;
}

export interface VuLayer {
  createVu(input: {
    id: number;
    idInTest: number;
    sink: SampleSink;
    control: TestControl;
    setupData: unknown;
    /** set to 1 (Atomics.notify) by another thread to wake the VU from a blocking sleep() */
    interruptCell?: Int32Array;
  }): Promise<LayerVu>;
  createMetrics(): LocalMetrics;
}

/** A layer module exports `createLayer`. */
export type CreateLayer = (init: LayerInit) => Promise<VuLayer>;

export type { Sample };
