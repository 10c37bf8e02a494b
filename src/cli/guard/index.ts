// The generator guard: the load generator's own health while a run goes (Linux /proc).
export { GeneratorGuard, eventLoopLag, guardOff } from "./guard.ts";
export type { GeneratorRecord, GeneratorSample, GuardOptions, LagMonitor } from "./guard.ts";
export { DEFAULT_LIMITS, LimitChecker } from "./limits.ts";
export type { GuardLimits, GuardWarning, WarningKind } from "./limits.ts";
export { linuxProc } from "./proc-reader.ts";
export type { ProcReader } from "./proc-reader.ts";
export { TreeSampler, SamplerError, busiestDestination, formatTcpAddress } from "./sampler.ts";
export type { TreeSample } from "./sampler.ts";
