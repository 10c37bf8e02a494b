// Normalised scenario configurations (k6 docs, using-k6/scenarios and scenarios/executors/*).
// All durations are milliseconds.

export const EXECUTORS = [
  "shared-iterations",
  "per-vu-iterations",
  "constant-vus",
  "ramping-vus",
  "constant-arrival-rate",
  "ramping-arrival-rate",
] as const;

export type ExecutorName = (typeof EXECUTORS)[number];

export interface Stage {
  durationMs: number;
  target: number;
}

export interface ScenarioBase {
  name: string;
  startTimeMs: number;
  gracefulStopMs: number;
  exec: string;
  env: Record<string, string>;
  tags: Record<string, string>;
}

export interface SharedIterationsConfig extends ScenarioBase {
  executor: "shared-iterations";
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export interface PerVuIterationsConfig extends ScenarioBase {
  executor: "per-vu-iterations";
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export interface ConstantVusConfig extends ScenarioBase {
  executor: "constant-vus";
  vus: number;
  durationMs: number;
}

export interface RampingVusConfig extends ScenarioBase {
  executor: "ramping-vus";
  startVUs: number;
  stages: Stage[];
  gracefulRampDownMs: number;
}

export interface ConstantArrivalRateConfig extends ScenarioBase {
  executor: "constant-arrival-rate";
  rate: number;
  timeUnitMs: number;
  durationMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

export interface RampingArrivalRateConfig extends ScenarioBase {
  executor: "ramping-arrival-rate";
  startRate: number;
  timeUnitMs: number;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs: number;
}

export type ScenarioConfig =
  | SharedIterationsConfig
  | PerVuIterationsConfig
  | ConstantVusConfig
  | RampingVusConfig
  | ConstantArrivalRateConfig
  | RampingArrivalRateConfig;
