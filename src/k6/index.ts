// The k6 glue: the only code that imports k6/*. Scenarios import this file only.
export { k6Connect, k6Clock, k6Base64, k6Http } from "./ports.ts";
export { createRecorder } from "./metrics.ts";
export { loadRunConfig } from "./config.ts";
export type { RunConfig } from "./config.ts";
export { resolveConfig, csvPath } from "./sources.ts";
export type { ConfigSources } from "./sources.ts";
export { agentsForIteration } from "./identity.ts";
export { agentsForIndex } from "./agent-range.ts";
export { buildOptions, loadValue } from "./options.ts";
export type { K6Options, ScenarioDefaults, Thresholds } from "./options.ts";
export { VuAgents, targetOf } from "./run.ts";
export { env } from "./env.ts";
export type { AgentRun, StartReport, HoldReport, StopReport } from "../agent/index.ts";
