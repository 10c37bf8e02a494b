// Builds the parts of one VU: realm with k6 globals, event loop, timers and VuHost.
import type vm from "node:vm";
import type { MetricDeclarations, SampleSink } from "../contracts.ts";
import type { ExecutionState } from "../modules/index.ts";
import type { ModuleFactory, RuntimeOptions, Tags } from "../vu-host.ts";
import { parseDurationMs } from "../metrics/index.ts";
import { localDeclarations } from "./declarations.ts";
import { VuHostImpl } from "./host.ts";
import type { LogFields, VuLogger } from "./logger.ts";
import { EventLoop, formatException } from "./loop.ts";
import { installOpen } from "./open.ts";
import { createRealm, defineGlobals, timerGlobals } from "./realm.ts";
import { trackRejections } from "./rejections.ts";
import type { ScriptBundle } from "./sources.ts";
import { standaloneExecution } from "./standalone.ts";
import { VuTimers } from "./timers.ts";

export interface VuConfig {
  /** the script (entry file path) or a bundle from loadBundle() */
  script: string | ScriptBundle;
  /** __VU: 1-based; 0 for the options VU and the setup/teardown/handleSummary VUs */
  id: number;
  /** vu.idInTest; defaults to id */
  idInTest?: number;
  sink: SampleSink;
  /** __ENV at init: `-e` variables and the system environment */
  env?: Record<string, string>;
  /** consolidated k6 options the modules consult */
  options?: RuntimeOptions;
  /** test-wide tags (option `tags`) for samples outside scenarios (init, setup, teardown) */
  tags?: Tags;
  execution?: ExecutionState;
  declarations?: MetricDeclarations;
  logger?: VuLogger;
  /**
   * Int32Array over a SharedArrayBuffer shared with the thread that interrupts this VU: storing a
   * non-zero value and calling Atomics.notify wakes a sleep() in progress. Created when absent.
   */
  interruptCell?: Int32Array;
  /** extra or replacement k6 module factories by import name */
  modules?: Readonly<Record<string, ModuleFactory>>;
}

export interface VuRuntime {
  context: vm.Context;
  realm: typeof globalThis;
  host: VuHostImpl;
  loop: EventLoop;
  /**
   * Int32Array over a SharedArrayBuffer; storing 1 and Atomics.notify from another thread wakes
   * a VU blocked in sleep() when its iteration is interrupted.
   */
  interruptCell: Int32Array;
}

export function buildVuRuntime(config: VuConfig, bundle: ScriptBundle, logger: VuLogger): VuRuntime {
  const loop = new EventLoop();
  const interruptCell = config.interruptCell ?? new Int32Array(new SharedArrayBuffer(4));
  let host: VuHostImpl | undefined;
  const { context, realm } = createRealm(`VU ${config.id}`, {
    log: (level, message) => {
      const fields: LogFields = { vu: config.id, source: "console" };
      if (host?.iteration) fields.iter = host.iteration.iterationInInstance;
      if (host?.scenario !== undefined) fields.scenario = host.scenario;
      logger.log(level, message, fields);
    },
    open: (path, mode) => installOpen(bundle, realm, host!, path, mode),
  });
  const timers = new VuTimers(loop, realm, (message) => host?.log("warn", message));
  defineGlobals(realm, timerGlobals(timers));
  const options = config.options ?? {};
  host = new VuHostImpl({
    id: config.id,
    idInTest: config.idInTest ?? config.id,
    options,
    realm,
    loop,
    sink: config.sink,
    logger,
    execution: config.execution ?? standaloneExecution(options),
    declarations: config.declarations ?? localDeclarations(),
    shared: bundle.shared,
    timers,
    interruptCell,
  });
  loop.onStop = (interrupted) => {
    if (interrupted) {
      Atomics.store(interruptCell, 0, 1);
      Atomics.notify(interruptCell, 0);
    }
    timers.dropAll(interrupted);
  };
  loop.formatError = (err) => formatException(err, (frame) => bundle.isScriptFrame(frame));
  trackRejections(realm, (reason) => loop.fail(`Uncaught (in promise) ${loop.formatError(reason)}`));
  return { context, realm, host, loop, interruptCell };
}

/** k6 option minIterationDuration: a shorter completed iteration waits out the rest. */
export async function padIteration(minIterationDuration: unknown, started: number, stop: AbortSignal): Promise<void> {
  const min = parseDurationMs(minIterationDuration) ?? 0;
  const rest = min - (performance.now() - started);
  if (rest <= 0 || stop.aborted) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      stop.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, rest);
    stop.addEventListener("abort", done, { once: true });
  });
}
