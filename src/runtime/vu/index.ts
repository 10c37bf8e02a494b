// The VU machinery of the embedded k6 runtime.
//
// In-thread API (the execution layer wraps it for worker threads and child processes):
//
//   const bundle = loadBundle("results/bundles/x.js");      // once per process: sources, code cache
//   const info = await readScriptInfo(bundle, { env });      // options VU (__VU = 0): options, exports, blocking
//   const vu = await createVu({ script: bundle, id: 1, sink, env, options, tags, execution, logger });
//   vu.setSetupData(JSON.stringify(setupResult));            // after setup(); parsed once per VU
//   const outcome = await vu.runIteration(request, stopSignal);   // IterationRequest of contracts.ts
//   const lifecycle = await createVu({ script: bundle, id: 0, sink, … });
//   await lifecycle.callLifecycle("setup", []);              // runs in group ::setup, JSON result
//   await vu.close();
//
// Processes running VUs must start Node with `--experimental-vm-modules`
// (and may add `--disable-warning=ExperimentalWarning`): scripts are evaluated as vm modules.
//
// Errors: loading throws ScriptLoadError (kind: bare-specifier, node-builtin, remote-module,
// unsupported-scheme, unknown-k6-module, unimplemented-k6-module, dynamic-import, file-not-found,
// syntax, init) naming the import and the file. callLifecycle rejects with VuCallError when the
// function throws. Iteration exceptions never reject: they are logged and returned in the outcome.
//
// ExecutionState (modules/core-host.ts) is how the execution layer feeds k6/execution:
// counters(), testRunDurationMs(), options() (shortcuts removed), abort(reason), fail(reason).
export { blockingImports } from "./blocking.ts";
export { LocalDeclarations, localDeclarations } from "./declarations.ts";
export { ScriptLoadError, VuCallError, type ScriptLoadErrorKind } from "./errors.ts";
export { memoryLogger, stderrLogger, type LogFields, type LogLevel, type VuLogger } from "./logger.ts";
export { readScriptInfo, type ScriptInfo } from "./script-info.ts";
export { loadBundle, ScriptBundle } from "./sources.ts";
export { standaloneExecution, type StandaloneExecution } from "./standalone.ts";
export { createVu } from "./create.ts";
export { InThreadVu, type VuConfig } from "./vu.ts";
export type { ExecutionState, InstanceCounters } from "../modules/index.ts";
