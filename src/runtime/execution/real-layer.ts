// The layer module that hosts real VUs (vu/) with a metrics engine of its own (metrics/); worker
// threads and child processes import it, and the main thread uses it directly with --workers 0.
import type { SampleSink } from "../contracts.ts";
import { compileThresholds, MetricsEngine, ThresholdEvaluator } from "../metrics/index.ts";
import { createVu, loadBundle, stderrLogger, type ExecutionState } from "../vu/index.ts";
import type { CreateLayer, LayerInit, LayerVu, LocalMetrics, VuLayer } from "./layer.ts";
import type { TestControl } from "./ports.ts";
import { SharedCounters } from "./shared-counters.ts";

/** k6/execution state backed by the scheduler's shared counters. */
export function executionState(counters: SharedCounters, options: Record<string, unknown>, control: TestControl): ExecutionState {
  return {
    counters: () => ({
      iterationsCompleted: counters.iterationsCompleted,
      iterationsInterrupted: counters.iterationsInterrupted,
      vusActive: counters.vusActive,
      vusInitialized: counters.vusInitialized,
    }),
    testRunDurationMs: () => (counters.testStartEpochMs > 0 ? Date.now() - counters.testStartEpochMs : 0),
    options: () => options,
    abort: (reason) => control.abort(reason),
    fail: (reason) => control.fail(reason),
  };
}

/** A metrics engine that knows the script's custom metrics and the thresholds' submetrics. */
export function engineFor(init: Pick<LayerInit, "declarations" | "options">): MetricsEngine {
  const engine = new MetricsEngine();
  for (const d of init.declarations) engine.declare(d.name, d.type, d.contains);
  ThresholdEvaluator.install(engine, compileThresholds(init.options.thresholds, (n) => engine.info(n)));
  return engine;
}

export const createLayer: CreateLayer = async (init: LayerInit): Promise<VuLayer> => {
  const bundle = loadBundle(init.scriptPath);
  const counters = new SharedCounters(init.counters);
  const engine = engineFor(init);
  const logger = stderrLogger();
  return {
    createMetrics(): LocalMetrics {
      return { add: (s) => engine.add(s), snapshot: () => engine.snapshot({ reset: true }) };
    },
    async createVu({ id, idInTest, sink, control, setupData, interruptCell }: { id: number; idInTest: number; sink: SampleSink; control: TestControl; setupData: unknown; interruptCell?: Int32Array }): Promise<LayerVu> {
      const vu = await createVu({
        script: bundle,
        id,
        idInTest,
        sink,
        env: init.env,
        options: init.options,
        tags: init.tags,
        execution: executionState(counters, init.options, control),
        declarations: engine,
        logger,
        ...(interruptCell ? { interruptCell } : {}),
      });
      // setup() data travels as JSON and each VU parses it once (k6 docs, using-k6/test-lifecycle).
      const setJson = vu.setSetupData.bind(vu);
      if (setupData !== undefined) setJson(JSON.stringify(setupData));
      const layerVu: LayerVu = {
        id: vu.id,
        idInTest: vu.idInTest,
        runIteration: (req, stop) => vu.runIteration(req, stop),
        callLifecycle: (name, args) => vu.callLifecycle(name, args),
        close: () => vu.close(),
        setSetupData: (data) => setJson(data === undefined ? undefined : JSON.stringify(data)),
      };
      return layerVu;
    },
  };
};
