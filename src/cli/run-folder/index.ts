// The run folder: results/runs/<UTC time>-<scenario>/ with run.json, summary.json,
// metrics.ndjson.gz and the reports, made by one `finesse-load run` on either engine.
export { executeRun, shownPath } from "./flow.ts";
export type { GuardSettings, RunPlan } from "./flow.ts";
export { pickEngine } from "./engine.ts";
export type { Engine, EngineChoice } from "./engine.ts";
export { buildAtomic, chooseScript, ensureBundle, isScriptPath, scenarioNames, bundlePath, bundlesDir, newestSource, ROOT } from "./bundle.ts";
export type { BuiltBundle, BundleOptions, ScriptChoice } from "./bundle.ts";
export { resolveRunEnv } from "./config.ts";
export type { RunEnv, RunEnvInput } from "./config.ts";
export { RunSetupError } from "./errors.ts";
export type { RunSetupKind } from "./errors.ts";
export { createRunFolder, claimRunDir, runFolderName, utcStamp } from "./folder.ts";
export { gitFacts, hostFacts, sha256File } from "./host.ts";
export type { GitFacts, HostFacts } from "./host.ts";
export { findOnPath, k6Args, k6BeforeWebsockets, k6Version, startK6 } from "./k6-engine.ts";
export type { K6Process, K6RunArgs } from "./k6-engine.ts";
export { embeddedVersion } from "./embedded-engine.ts";
export { RunRecordWriter, statusOf } from "./record.ts";
export type { EngineName, RunRecord, RunStatus } from "./record.ts";
export { writeReports } from "./reports.ts";
export type { ReportsWritten } from "./reports.ts";
export { writeFileAtomic } from "./atomic.ts";
