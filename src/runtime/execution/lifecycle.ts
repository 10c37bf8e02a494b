// One test run as k6 runs it (k6 docs, using-k6/test-lifecycle): options from the init VU →
// VUs initialised → setup() → scenarios (thresholds every 2 s) → teardown() → thresholds at the
// end → summary. Exit codes follow k6 errext/exitcodes.
import { setMaxListeners } from "node:events";
import { EXIT, OptionsError, type ExitCode } from "./errors.ts";
import { consolidate, type Consolidated, type OptionLayer } from "./options.ts";
import { envOptions } from "./env.ts";
import type { Logger } from "./log.ts";
import type { Console, MetricsPort, ScriptInfo, TestControl, VuFactory } from "./ports.ts";
import { Scheduler } from "./scheduler.ts";
import type { SharedCounters } from "./shared-counters.ts";
import { writeSummary, type SummaryMode } from "./summary.ts";
import { TimeoutError, withTimeout } from "./timeout.ts";

export interface TestParts {
  /** Loads the script in the options VU (__VU = 0). A throw is a script error in init (exit 107). */
  loadScript(control: TestControl): Promise<ScriptInfo>;
  /** Throws OptionsError for invalid thresholds (exit 104). */
  createMetrics(options: Consolidated): MetricsPort;
  createFactory(input: { script: ScriptInfo; options: Consolidated; control: TestControl; metrics: MetricsPort }): VuFactory;
  /** counters the VUs' k6/execution reads (shared with worker threads) */
  counters?: SharedCounters;
}

export interface TestRequest {
  /** option layer built from CLI flags */
  cli: OptionLayer;
  /** the process environment (K6_* variables) */
  processEnv: Readonly<Record<string, string | undefined>>;
  /** __ENV before scenario env: the system environment plus -e KEY=VALUE */
  globalEnv: Record<string, string>;
  summaryExport?: string;
  summaryMode: SummaryMode;
  console: Console;
  logger: Logger;
  /** external abort (SIGINT/SIGTERM): exit 105 */
  signal?: AbortSignal;
  /** called when the scenarios start (progress display) */
  onStart?(scheduler: Scheduler, script: ScriptInfo): void;
}

export interface TestResult {
  exitCode: ExitCode;
  summaryData: Record<string, unknown> | undefined;
  /** why the run ended with a non-zero code other than thresholds */
  error: string | undefined;
}

/** Tracks the reasons a run fails; the first run error wins, then test.fail (110), then thresholds (99). */
class Verdict {
  code: ExitCode | undefined;
  message: string | undefined;
  failed: string | undefined;
  thresholdsFailed = false;
  readonly stop = new AbortController();
  constructor() {
    setMaxListeners(0, this.stop.signal);
  }
  error(code: ExitCode, message: string): void {
    if (this.code === undefined) {
      this.code = code;
      this.message = message;
    }
    this.stop.abort();
  }
  exitCode(): ExitCode {
    if (this.code !== undefined && this.code !== EXIT.thresholdsFailed) return this.code;
    if (this.failed !== undefined) return EXIT.markedAsFailed; // k6: test.fail() wins over thresholds
    if (this.code !== undefined || this.thresholdsFailed) return EXIT.thresholdsFailed;
    return EXIT.ok;
  }
}

export async function executeTest(parts: TestParts, req: TestRequest): Promise<TestResult> {
  const v = new Verdict();
  const log = req.logger;
  const control: TestControl = {
    abort: (reason) => v.error(EXIT.scriptAborted, `test aborted: ${reason || "test.abort() called"}`),
    fail: (reason) => {
      v.failed ??= reason || "test.fail() called";
    },
  };
  const onSignal = (): void => v.error(EXIT.externalAbort, "test run stopped by a signal");
  if (req.signal?.aborted) onSignal();
  req.signal?.addEventListener("abort", onSignal, { once: true });
  const done = (summaryData?: Record<string, unknown>): TestResult => {
    req.signal?.removeEventListener("abort", onSignal);
    const exitCode = v.exitCode();
    if (v.message && exitCode !== EXIT.ok) log.log("error", v.message);
    return { exitCode, summaryData, error: v.message };
  };

  // Init: the options VU, then options consolidation and thresholds.
  let script: ScriptInfo;
  let options: Consolidated;
  let metrics: MetricsPort;
  try {
    script = await parts.loadScript(control);
    if (v.code !== undefined) return done();
    options = consolidate([script.options, envOptions(req.processEnv), req.cli]);
    for (const w of options.warnings) log.log("warning", w);
    const missing = [...new Set(options.scenarios.map((s) => s.exec))].filter((f) => !script.exports.includes(f));
    if (missing.length > 0) {
      throw new OptionsError(missing.map((f) => (f === "default" ? "the script has no default export, and a scenario uses it" : `exec: function "${f}" is not exported by the script`)));
    }
    metrics = parts.createMetrics(options);
  } catch (e) {
    if (e instanceof OptionsError) v.error(EXIT.invalidConfig, e.message);
    else v.error(EXIT.scriptException, `script error in init: ${(e as Error).message}`);
    return done();
  }

  const factory = parts.createFactory({ script, options, control, metrics });
  const scheduler = new Scheduler({
    scenarios: options.scenarios,
    factory,
    sink: metrics,
    testTags: options.tags,
    globalEnv: req.globalEnv,
    testStop: v.stop.signal,
    warn: (m) => log.log("warning", m),
    onStart: (sch) => req.onStart?.(sch, script),
    ...(parts.counters ? { counters: parts.counters } : {}),
  });
  let setupData: unknown;
  let setupOk = false;
  let durationMs = 0;
  let thresholdTimer: NodeJS.Timeout | undefined;
  try {
    try {
      await scheduler.init();
    } catch (e) {
      v.error(EXIT.scriptException, `script error while initialising VUs: ${(e as Error).message}`);
    }
    if (v.code === undefined && script.exports.includes("setup")) {
      try {
        setupData = await lifecycle(factory, "setup", [], options.setupTimeoutMs);
        await factory.setSetupData(setupData);
        setupOk = true;
      } catch (e) {
        if (e instanceof TimeoutError) v.error(EXIT.setupTimeout, e.message);
        else v.error(EXIT.scriptException, `setup() failed: ${(e as Error).message}`);
        if (v.code === EXIT.scriptAborted) setupOk = true; // k6: teardown still runs after test.abort()
      }
    } else setupOk = v.code === undefined || v.code === EXIT.scriptAborted || v.code === EXIT.externalAbort;

    if (v.code === undefined) {
      let evaluating = false;
      thresholdTimer = setInterval(() => {
        if (evaluating) return;
        evaluating = true;
        void drain(factory, metrics)
          .then(() => {
            const verdict = metrics.evaluateThresholds(false, scheduler.clock?.elapsed() ?? 0);
            if (verdict.abort) v.error(EXIT.thresholdsFailed, "thresholds have been crossed and at least one has abortOnFail enabled, stopping test prematurely");
          })
          .finally(() => (evaluating = false));
      }, 2000);
      durationMs = await scheduler.run();
    }
    clearInterval(thresholdTimer);

    if (setupOk && script.exports.includes("teardown") && v.code !== EXIT.invalidConfig) {
      try {
        await lifecycle(factory, "teardown", [setupData], options.teardownTimeoutMs);
      } catch (e) {
        if (e instanceof TimeoutError) v.error(EXIT.teardownTimeout, e.message);
        else v.error(EXIT.scriptException, `teardown() failed: ${(e as Error).message}`);
      }
    }
  } finally {
    clearInterval(thresholdTimer);
  }

  await drain(factory, metrics);
  const final = metrics.evaluateThresholds(true, durationMs);
  if (final.failed) v.thresholdsFailed = true;
  const data = metrics.summaryData({
    setupData,
    testRunDurationMs: durationMs,
    isStdOutTTY: req.console.isStdOutTTY,
    isStdErrTTY: req.console.isStdErrTTY,
  });
  await writeSummary({
    data,
    mode: req.summaryMode,
    exportPath: req.summaryExport,
    hasHandleSummary: script.exports.includes("handleSummary"),
    callHandleSummary: () => lifecycle(factory, "handleSummary", [data], options.handleSummaryTimeoutMs),
    metrics,
    console: req.console,
    logger: log,
  });
  await scheduler.close();
  await factory.close();
  await metrics.close();
  // k6 prints which thresholds failed after the summary.
  if (final.failed && v.code === undefined) {
    const names = (final.metrics ?? []).map((m) => `'${m}'`).join(", ");
    log.log("error", `thresholds on metrics ${names} have been crossed`);
  }
  return done(data);
}

/** Merges the metrics of VUs in other threads/processes into the main engine. */
async function drain(factory: VuFactory, metrics: MetricsPort): Promise<void> {
  if (!factory.drainMetrics) return;
  for (const state of await factory.drainMetrics()) metrics.merge(state);
}

/** Runs setup/teardown/handleSummary in a fresh VU with __VU = 0 (k6 runs each in its own VU). */
async function lifecycle(factory: VuFactory, name: "setup" | "teardown" | "handleSummary", args: unknown[], timeoutMs: number): Promise<unknown> {
  const vu = await factory.createLifecycle();
  try {
    return await withTimeout(vu.callLifecycle(name, args), timeoutMs, name);
  } finally {
    void vu.close();
  }
}
