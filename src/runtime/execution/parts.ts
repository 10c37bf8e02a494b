// The runtime's real pieces behind the execution layer's ports: the options VU and VUs from vu/,
// the metrics engine from metrics/, VUs spread over worker threads and child processes.
import { availableParallelism } from "node:os";
import {
  MetricsEngine, parsePrometheusTrendStats, PrometheusOutput, readOutputs, TrendStatsError, type Outputs, type TrendStat,
} from "../metrics/index.ts";
import { createVu, loadBundle, stderrLogger } from "../vu/index.ts";
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
import { OptionsError } from "./errors.ts";

const REAL_LAYER = new URL("./real-layer.ts", import.meta.url).href;

/** Parses the --out values; every bad one is named in one OptionsError (exit 104). */
export function parseOutputs(out: readonly string[] | undefined): Outputs {
  const { outputs, problems } = readOutputs(out);
  if (problems.length > 0) throw new OptionsError(problems);
  return outputs;
}

/** K6_PROMETHEUS_RW_TREND_STATS, as k6's remote-write output reads it (default p(99)). */
function prometheusTrendStats(env: Readonly<Record<string, string | undefined>>): TrendStat[] | undefined {
  const list = env.K6_PROMETHEUS_RW_TREND_STATS;
  if (list === undefined || list.trim() === "") return undefined;
  try {
    return parsePrometheusTrendStats(list);
  } catch (e) {
    if (e instanceof TrendStatsError) throw new OptionsError([`K6_PROMETHEUS_RW_TREND_STATS: ${e.message}`]);
    throw e;
  }
}

export function defaultParts(scriptPath: string, o: RunOptions, globalEnv: Record<string, string>, out: Console): TestParts {
  const engine = new MetricsEngine();
  const counters = new SharedCounters();
  let metrics: EngineMetrics | undefined;
  let prometheus: PrometheusOutput | undefined;
  const log = (level: string, m: string): void => out.stderr(`time="${new Date().toISOString()}" level=${level} msg=${JSON.stringify(m)}\n`);
  const warn = (m: string): void => log("warning", m);
  /** Loads the bundle in the options VU and reads its options and exports. */
  async function loadOptions(control: TestControl): Promise<ScriptInfo> {
    const script = loadBundle(scriptPath);
    // The options VU (__VU = 0) declares the script's custom metrics in the main engine.
    const vu = await createVu({
      script,
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
      return { options: options as Record<string, unknown>, exports, blocking: script.blocking.length > 0 };
    } finally {
      await vu.close();
    }
  }

  return {
    async loadScript(control: TestControl): Promise<ScriptInfo> {
      const outputs = parseOutputs(o.out);
      const endpoint = outputs.prometheus[0];
      if (endpoint) {
        const output = new PrometheusOutput({
          host: endpoint.host,
          port: endpoint.port,
          info: (n) => engine.info(n),
          trendStats: prometheusTrendStats(o.processEnv ?? process.env),
          warn,
        });
        try {
          log("info", `prometheus output: serving ${await output.listen()}`);
        } catch (e) {
          await output.close();
          throw new OptionsError([`--out ${endpoint.value}: cannot listen on ${endpoint.host}:${endpoint.port} (${(e as Error).message})`]);
        }
        prometheus = output;
      }
      let info: ScriptInfo;
      try {
        info = await loadOptions(control);
      } catch (e) {
        await prometheus?.close();
        throw e;
      }
      // The run can still end before createMetrics (invalid options). executeTest calls it in the
      // microtasks that follow this return, so one macrotask later `metrics` tells whether it did.
      const served = prometheus;
      if (served) {
        setImmediate(() => {
          if (!metrics) void served.close();
        });
      }
      return info;
    },
    createMetrics(options: Consolidated) {
      try {
        metrics = new EngineMetrics({
          engine,
          options: options.options,
          summaryMode: o.summaryMode ?? "compact",
          jsonOutputs: parseOutputs(o.out).json,
          prometheus,
          warn,
        });
      } catch (e) {
        void prometheus?.close();
        throw e;
      }
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
