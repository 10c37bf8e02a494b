// The VU machinery of the embedded k6 runtime.
//
// In-thread API (the execution layer wraps it for worker threads and child processes):
//
//   const bundle = loadBundle("results/bundles/x.js");       // once per process: sources, code cache
//   const info = await readScriptInfo(bundle, { env });       // options VU (__VU = 0): options,
//                                                             // exported functions, blocking imports
//   const vu = await createVu({ script: bundle, id: 1, idInTest: 1, sink, env, options, tags,
//                               execution, declarations, logger, interruptCell });
//   vu.setSetupData(JSON.stringify(setupResult));             // parsed once per VU, on first use
//   const outcome = await vu.runIteration(request, stop);     // IterationRequest of contracts.ts
//   const lifecycle = await createVu({ script: bundle, id: 0, sink, … });
//   const data = await lifecycle.callLifecycle("setup", []);  // group ::setup, JSON-safe result
//   await vu.close();
//
// Node flags: processes and workers running VUs need `--experimental-vm-modules` (scripts are
// evaluated as vm.SourceTextModule); add `--disable-warning=ExperimentalWarning` to hide only that
// warning.
//
// Inputs (VuConfig):
//   sink          SampleSink for every sample (the thread's metrics engine)
//   declarations  MetricDeclarations for k6/metrics constructors (the metrics engine); defaults to
//                 a per-process table with k6's name and re-declaration rules
//   execution     ExecutionState feeding k6/execution: counters(), testRunDurationMs(), options()
//                 (consolidated, shortcuts removed), abort(reason), fail(reason)
//   env           __ENV at init; each scenario's env replaces it when the VU joins that scenario
//   tags          test-wide tags for samples outside scenarios; ScenarioInfo.tags inside them
//   logger        VuLogger (console.*, exceptions with source "stacktrace", runtime warnings)
//   interruptCell Int32Array over a SharedArrayBuffer: another thread stores 1 and calls
//                 Atomics.notify to wake a VU blocked in sleep() when interrupting it
//
// IterationRequest → k6/execution: iterationInScenario is scenario.iterationInInstance,
// iterationInTest is scenario.iterationInTest, progress is scenario.progress; the VU counts
// vu.iterationInInstance (__ITER) and vu.iterationInScenario itself. A new scenario name in the
// request is a new activation: __ENV, vu.metrics.tags/metadata start afresh.
//
// Outcomes: runIteration never rejects for script errors — the exception is logged and returned
// in `outcome.error`, and the iteration counts as completed (k6); interruption (stop aborted,
// test.abort()) gives "interrupted" with no iterations/iteration_duration samples. It rejects with
// VuCallError for a missing exec function. callLifecycle rejects with VuCallError when the function
// throws and resolves undefined when the script does not export it.
//
// Errors at load are ScriptLoadError (kind: bare-specifier, node-builtin, remote-module,
// unsupported-scheme, unknown-k6-module, unimplemented-k6-module, dynamic-import, file-not-found,
// syntax, init, vm-modules-disabled), naming the import and the file.
export { blockingImports } from "./blocking.ts";
export { createVu } from "./create.ts";
export { localDeclarations } from "./declarations.ts";
export { ScriptLoadError, VuCallError, type ScriptLoadErrorKind } from "./errors.ts";
export { memoryLogger, stderrLogger, type LogFields, type LogLevel, type VuLogger } from "./logger.ts";
export { readScriptInfo, type ScriptInfo } from "./script-info.ts";
export { loadBundle, ScriptBundle } from "./sources.ts";
export { standaloneExecution, type StandaloneExecution } from "./standalone.ts";
export { InThreadVu, type VuConfig } from "./vu.ts";
export type { ExecutionState, InstanceCounters } from "../modules/index.ts";
