// The embedded k6 runtime's public API.
//
//   const { exitCode, summaryData } = await runTest("results/bundles/x.js", { vus: 10, duration: "30s" });
//
// runTest runs a k6 script as `k6 run` does: options consolidated from the script, K6_* variables
// and the RunOptions (CLI flags), setup → scenarios → teardown → summary, thresholds every 2 s,
// k6 exit codes (EXIT). VUs live in worker threads (RunOptions.workers, default one per core;
// 0 = main thread) and in child processes beyond the open-files limit per process.
// executeTest is the same lifecycle with pluggable parts (VU factory, metrics) for harnesses and tests.
export { runTest, processConsole } from "./execution/run-test.ts";
export type { RunOptions } from "./execution/run-options.ts";
export type { TestResult, TestParts, TestRequest } from "./execution/lifecycle.ts";
export { executeTest } from "./execution/lifecycle.ts";
export type { Console, MetricsPort, ScriptInfo, TestControl, VuFactory, RunCounters, ThresholdVerdict, SummaryInput } from "./execution/ports.ts";
export type { Scheduler } from "./execution/scheduler.ts";
export type { SummaryMode } from "./execution/summary.ts";
export { progressOf } from "./execution/progress.ts";
export type { ProgressState, ScenarioProgress } from "./execution/progress.ts";
export { consolidate, parseStages } from "./execution/options.ts";
export type { Consolidated, OptionLayer } from "./execution/options.ts";
export type { ScenarioConfig, ExecutorName, Stage } from "./execution/scenario-types.ts";
export { parseDuration, formatDuration, DurationError } from "./execution/duration.ts";
export { EXIT, OptionsError } from "./execution/errors.ts";
export type { ExitCode } from "./execution/errors.ts";
export { NODE_FLAGS } from "./execution/node-flags.ts";
