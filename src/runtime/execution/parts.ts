// The runtime's real pieces behind the execution layer's ports: the options VU and VUs from vu/,
// the metrics engine from metrics/, VUs spread over worker threads and child processes.
import { availableParallelism } from "node:os";
import { MetricsEngine } from "../metrics/index.ts";
import { createVu, loadBundle, stderrLogger, type ScriptBundle } from "../vu/index.ts";
import { DistributedVuFactory } from "./distribution/factory.ts";
import { openFilesLimit, vusPerProcess } from "./distribution/plan.ts";
import type { TestParts } from "./lifecycle.ts";
import { LocalVuFactory } from "./local-factory.ts";
import { EngineMetrics } from "./metrics-port.ts";
import type { LayerInit } from "./layer.ts";
import type { Console, ScriptInfo, TestControl } from "./ports.ts";
import { createLayer, executionState } from "./real-layer.ts";
import type { RunOptions } from "./run-options.ts";
import { SharedCounters } from "./shared-counters.ts";
import type { Consolidated } from "./options.ts";

const REAL_LAYER = new URL("./real-layer.ts", import.meta.url).href;

/** `--out json=FILE` → FILE ("-" for stdout). */
export function jsonOutputPaths(out: readonly string[] | undefined): string[] {
  return (out ?? []).map((o) => {
    const eq = o.indexOf("=");
    return eq < 0 ? "-" : o.slice(eq + 1) || "-";
  });
}

export function defaultParts(scriptPath: string, o: RunOptions, globalEnv: Record<string, string>, out: Console): TestParts {
  const engine = new MetricsEngine();
  const counters = new SharedCounters();
  let bundle: ScriptBundle | undefined;
  let metrics: EngineMetrics | undefined;
  const warn = (m: string): void => out.stderr(`time="${new Date().toISOString()}" level=warning msg=${JSON.stringify(m)}\n`);
  return {
    async loadScript(control: TestControl): Promise<ScriptInfo> {
      bundle = loadBundle(scriptPath);
      // The options VU (__VU = 0) declares the script's custom metrics in the main engine.
      const vu = await createVu({
        script: bundle,
        id: 0,
        sink: { add: () => {} },
        env: globalEnv,
        declarations: engine,
        execution: executionState(counters, {}, control),
        logger: stderrLogger(),
      });
      try {
        const ns = vu.exports;
        const json = ns.options === undefined ? undefined : JSON.stringify(ns.options);
        const options: unknown = json === undefined ? {} : JSON.parse(json);
        if (options === null || typeof options !== "object" || Array.isArray(options)) {
          throw new TypeError(`the exported "options" of ${scriptPath} must be an object`);
        }
        const exports = Object.keys(ns).filter((k) => typeof ns[k] === "function");
        return { options: options as Record<string, unknown>, exports, blocking: bundle.blocking.length > 0 };
      } finally {
        await vu.close();
      }
    },
    createMetrics(options: Consolidated) {
      metrics = new EngineMetrics({
        engine,
        options: options.options,
        summaryMode: o.summaryMode ?? "compact",
        jsonOutputs: jsonOutputPaths(o.out),
        warn,
      });
      return metrics;
    },
    createFactory({ script, options, control }) {
      const m = metrics!;
      const init: Omit<LayerInit, "counters"> = {
        scriptPath,
        options: options.options,
        env: globalEnv,
        tags: options.tags,
        declarations: engine.registry.toJSON(),
      };
      const workers = o.workers ?? availableParallelism();
      if (workers === 0) {
        const layer = createLayer({ ...init, counters: counters.buffer });
        let local: LocalVuFactory | undefined;
        const ready = layer.then((l) => (local = new LocalVuFactory(l, control, m.wantsSamples ? (s) => m.forwarded([s]) : undefined)));
        return {
          create: async (id, idInTest) => (await ready, local!.create(id, idInTest)),
          createLifecycle: async () => (await ready, local!.createLifecycle()),
          setSetupData: async (d) => (await ready, local!.setSetupData(d)),
          drainMetrics: async () => (await ready, local!.drainMetrics()),
          close: async () => undefined,
        };
      }
      const perProcess = o.maxVusPerProcess ?? vusPerProcess(openFilesLimit(), o.filesPerVu ?? 1);
      return new DistributedVuFactory({
        init: { layerModule: REAL_LAYER, layer: init, forwardSamples: m.wantsSamples },
        plan: { perProcess, threads: workers, blocking: script.blocking },
        counters,
        control,
        onSamples: (s) => m.forwarded(s),
        warn,
      });
    },
    counters,
  };
}
