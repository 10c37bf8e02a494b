// Messages between the scheduler (main thread) and a VU host (worker thread or child process).
// Everything is structured-clone/JSON data.
import type { IterationOutcome, IterationRequest, Sample } from "../../contracts.ts";
import type { LayerInit } from "../layer.ts";

export interface HostInit {
  layerModule: string;
  layer: Omit<LayerInit, "counters">;
  /** forward raw samples (only when an output such as --out json needs them) */
  forwardSamples: boolean;
  /** set for worker threads; child processes have their own counters copy */
  counters?: SharedArrayBuffer;
}

export type ToHost =
  | { t: "init"; init: HostInit }
  | { t: "create"; rid: number; handle: number; id: number; idInTest: number; cell?: SharedArrayBuffer }
  /** `scenario` is sent once per host; later requests carry only its name (iteration hot path) */
  | { t: "run"; rid: number; vu: number; req: Omit<IterationRequest, "scenario">; scenario: IterationRequest["scenario"] | string }
  | { t: "stop"; rid: number }
  | { t: "call"; rid: number; vu: number; name: "setup" | "teardown" | "handleSummary"; args: unknown[] }
  | { t: "setup-data"; rid: number; data: unknown }
  | { t: "close-vu"; rid: number; vu: number }
  | { t: "snapshot"; rid: number }
  | { t: "counters"; values: number[] }
  | { t: "shutdown"; rid: number };

export type FromHost =
  | { t: "ready" }
  | { t: "reply"; rid: number; ok: true; value?: unknown }
  | { t: "reply"; rid: number; ok: false; error: string; name?: string }
  | { t: "outcome"; rid: number; outcome: IterationOutcome }
  | { t: "control"; op: "abort" | "fail"; reason: string }
  | { t: "samples"; samples: Sample[] };
