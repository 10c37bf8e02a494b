// A VU in this thread (the `Vu` of contracts.ts): its own realm with the script loaded, an event
// loop, and the k6 iteration rules (k6 docs, using-k6/test-lifecycle, k6-execution):
//   - an iteration ends when the exec function returned and nothing is registered (a promise
//     still pending then can never settle); an exception ends it early, is logged, and the iteration still counts;
//   - interruption drops timers, aborts iterationSignal, discards late samples: no iteration samples;
//   - data_sent/data_received are flushed at the end of every run, interrupted ones included.
import type vm from "node:vm";
import type { IterationOutcome, IterationRequest, ScenarioInfo, Vu } from "../contracts.ts";
import type { CoreModuleFactory } from "../modules/index.ts";
import type { Tags } from "../vu-host.ts";
import { ScriptLoadError, VuCallError } from "./errors.ts";
import type { VuHostImpl } from "./host.ts";
import { linkScript } from "./linker.ts";
import { stderrLogger, type VuLogger } from "./logger.ts";
import type { EventLoop, LoopResult } from "./loop.ts";
import { buildVuRuntime, padIteration, type VuConfig } from "./runtime.ts";
import type { ScriptBundle } from "./sources.ts";

export type { VuConfig } from "./runtime.ts";

export class InThreadVu implements Vu {
  readonly id: number;
  readonly idInTest: number;
  readonly bundle: ScriptBundle;
  readonly host: VuHostImpl;
  /**
   * Int32Array over a SharedArrayBuffer; storing 1 and Atomics.notify from another thread wakes
   * a VU blocked in sleep() when its iteration is interrupted.
   */
  readonly interruptCell: Int32Array;
  readonly #loop: EventLoop;
  readonly #logger: VuLogger;
  readonly #env: Record<string, string>;
  readonly #baseTags: Tags;
  #namespace: Record<string, unknown> = {};
  #iterations = 0;
  #scenarioIterations = 0;
  #setupJson: string | undefined;
  #setupData: unknown;
  #setupParsed = false;
  #closed = false;
  readonly #context: vm.Context;

  constructor(config: VuConfig, bundle: ScriptBundle) {
    this.id = config.id;
    this.idInTest = config.idInTest ?? config.id;
    this.bundle = bundle;
    this.#logger = config.logger ?? stderrLogger();
    this.#env = config.env ?? {};
    this.#baseTags = { ...(config.tags ?? {}) };
    const parts = buildVuRuntime(config, bundle, this.#logger);
    this.host = parts.host;
    this.#loop = parts.loop;
    this.#context = parts.context;
    this.interruptCell = parts.interruptCell;
    this.host.vuTags = { ...this.#baseTags };
    globals(parts.realm).__ENV = parts.realm.JSON.parse(JSON.stringify(this.#env)) as unknown;
    globals(parts.realm).__VU = this.id as unknown;
  }

  get realm(): typeof globalThis {
    return this.host.realm;
  }

  /** The script's module namespace (exports), available after init. */
  get exports(): Readonly<Record<string, unknown>> {
    return this.#namespace;
  }

  /** Runs the script's init code (imports and top level). Called by createVu. */
  async init(modules: ReadonlyMap<string, CoreModuleFactory>): Promise<void> {
    const table = new Map([...modules].map(([name, factory]) => [name, () => factory(this.host)]));
    const entry = await linkScript(this.bundle, this.#context, table);
    const run = this.#loop.start();
    const release = this.#loop.register();
    let settled = false;
    entry.evaluate().then(() => void (settled = true), (err: unknown) => {
      settled = true;
      this.#loop.fail(this.#loop.formatError(err));
    });
    release();
    const result = await run;
    if (!settled && result.error === undefined && !result.interrupted) {
      throw new ScriptLoadError("init", this.bundle.entry, `the init code of ${this.bundle.entry} awaits a promise that never settles`);
    }
    if (!this.bundle.firstInitDone) this.bundle.firstInitDone = true;
    if (result.error !== undefined) {
      throw new ScriptLoadError("init", this.bundle.entry, `error in the init code of ${this.bundle.entry}: ${result.error}`);
    }
    if (result.interrupted) {
      throw new ScriptLoadError("init", this.bundle.entry, `the init code of ${this.bundle.entry} was interrupted (test.abort())`);
    }
    this.#namespace = entry.namespace as Record<string, unknown>;
    this.host.phase = "vu";
  }

  /** Setup data for iterations, as the JSON text setup() returned (undefined: no data). */
  setSetupData(json: string | undefined): void {
    this.#setupJson = json;
    this.#setupParsed = false;
  }

  async runIteration(request: IterationRequest, stop: AbortSignal): Promise<IterationOutcome> {
    if (this.#closed) throw new VuCallError("closed", `VU ${this.id} is closed`);
    const fn = this.#namespace[request.scenario.exec];
    if (typeof fn !== "function") {
      throw new VuCallError("missing-function", `the script exports no function "${request.scenario.exec}" (scenario ${request.scenario.name})`);
    }
    const host = this.host;
    this.#activate(request.scenario);
    const iter = this.#iterations++;
    host.iteration = {
      scenario: request.scenario.name,
      executor: request.scenario.executor,
      startTime: request.scenario.startTime,
      progress: request.progress,
      iterationInInstance: iter,
      iterationInScenario: this.#scenarioIterations++,
      scenarioIterationInInstance: request.iterationInScenario,
      scenarioIterationInTest: request.iterationInTest,
    };
    globals(this.realm).__ITER = iter as unknown;
    const data = this.#data();
    const started = performance.now();
    const result = await this.#call(fn, [data], stop);
    if (!result.interrupted) await padIteration(this.host.options.minIterationDuration, started, stop);
    const durationMs = performance.now() - started;
    this.#flushBytes();
    if (result.error !== undefined) this.#logError(result.error);
    if (!result.interrupted) {
      const tags = host.currentTags();
      const time = Date.now();
      host.record({ metric: "iterations", value: 1, tags, time });
      host.record({ metric: "iteration_duration", value: durationMs, tags, time });
    }
    const outcome: IterationOutcome = { status: result.interrupted ? "interrupted" : "completed", durationMs };
    if (result.error !== undefined) outcome.error = result.error;
    return outcome;
  }

  async callLifecycle(name: "setup" | "teardown" | "handleSummary", args: unknown[]): Promise<unknown> {
    if (this.#closed) throw new VuCallError("closed", `VU ${this.id} is closed`);
    const fn = this.#namespace[name];
    if (fn === undefined) return undefined;
    if (typeof fn !== "function") throw new VuCallError("missing-function", `the script's export "${name}" is not a function`);
    const host = this.host;
    const realmArgs = args.map((a) => (a === undefined ? undefined : this.realm.JSON.parse(JSON.stringify(a))));
    host.groupPath = name === "handleSummary" ? "" : `::${name}`;
    let value: unknown;
    const result = await this.#call(fn, realmArgs, undefined, (v) => (value = v));
    this.#flushBytes();
    host.groupPath = "";
    if (result.error !== undefined) {
      this.#logError(result.error);
      throw new VuCallError("exception", `${name}() failed: ${result.error}`);
    }
    if (result.interrupted) throw new VuCallError("interrupted", `${name}() was interrupted`);
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? "null");
  }

  /** Interrupts a running iteration or lifecycle call (e.g. on setupTimeout) and retires the VU. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#loop.interrupt();
  }

  /** Calls fn on the event loop and waits until the run ends; onValue gets the settled result. */
  async #call(fn: Function, args: unknown[], stop: AbortSignal | undefined, onValue?: (v: unknown) => void): Promise<LoopResult> {
    Atomics.store(this.interruptCell, 0, 0);
    const run = this.#loop.start();
    const onStop = (): void => this.#loop.interrupt();
    stop?.addEventListener("abort", onStop, { once: true });
    if (stop?.aborted) this.#loop.interrupt();
    else this.#invoke(fn, args, onValue);
    try {
      return await run;
    } finally {
      stop?.removeEventListener("abort", onStop);
    }
  }

  #invoke(fn: Function, args: unknown[], onValue?: (v: unknown) => void): void {
    // The exec promise itself does not keep the loop alive: as in k6, the run ends once nothing is
    // registered; a promise still pending then can never settle.
    const release = this.#loop.register();
    try {
      const value: unknown = fn.apply(undefined, args);
      if (isThenable(value)) {
        value.then((v) => onValue?.(v), (err: unknown) => this.#loop.fail(this.#loop.formatError(err)));
      } else {
        onValue?.(value);
      }
    } catch (err) {
      this.#loop.fail(this.#loop.formatError(err));
    }
    release();
  }


  #activate(scenario: ScenarioInfo): void {
    const host = this.host;
    if (host.scenario === scenario.name) return;
    // k6 Activate: __ENV and vu.metrics.tags start afresh for each scenario the VU joins.
    host.scenario = scenario.name;
    globals(this.realm).__ENV = this.realm.JSON.parse(JSON.stringify({ ...this.#env, ...scenario.env })) as unknown;
    host.vuTags = { ...this.#baseTags, ...scenario.tags };
    host.vuMetadata = {};
    this.#scenarioIterations = 0;
  }

  #data(): unknown {
    if (!this.#setupParsed) {
      this.#setupData = this.#setupJson === undefined ? undefined : this.realm.JSON.parse(this.#setupJson);
      this.#setupParsed = true;
    }
    return this.#setupData;
  }

  #flushBytes(): void {
    const host = this.host;
    const tags = host.currentTags();
    const time = Date.now();
    host.record({ metric: "data_sent", value: host.bytesSent, tags, time });
    host.record({ metric: "data_received", value: host.bytesReceived, tags, time });
    host.bytesSent = 0;
    host.bytesReceived = 0;
  }

  #logError(message: string): void {
    const fields: { vu: number; iter?: number; scenario?: string; source: "stacktrace" } = { vu: this.id, source: "stacktrace" };
    if (this.host.iteration) fields.iter = this.host.iteration.iterationInInstance;
    if (this.host.scenario !== undefined) fields.scenario = this.host.scenario;
    this.#logger.log("error", message, fields);
  }
}

function isThenable(v: unknown): v is { then(ok: (v: unknown) => void, err: (e: unknown) => void): void } {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/** The realm's global object as a plain record, to set k6's globals. */
function globals(realm: typeof globalThis): Record<string, unknown> {
  return realm as unknown as Record<string, unknown>;
}
