// k6 options from the config: scenarios and default thresholds per scenario, thresholds overridable in
// config.scenarios.<name>.thresholds, TLS verification off only when a target asks for it.
import type { Config } from "../config/index.ts";

export type Thresholds = Record<string, string[]>;

export interface ScenarioDefaults {
  /** k6 scenario objects (executor, vus, iterations, …) */
  scenarios: Record<string, Record<string, unknown>>;
  thresholds: Thresholds;
}

export interface K6Options {
  scenarios: Record<string, Record<string, unknown>>;
  thresholds: Thresholds;
  insecureSkipTLSVerify: boolean;
  summaryTrendStats: string[];
}

export function buildOptions(config: Config, name: string, defaults: ScenarioDefaults): K6Options {
  const override = config.scenarios[name]?.thresholds ?? {};
  return {
    scenarios: defaults.scenarios,
    thresholds: { ...defaults.thresholds, ...override },
    insecureSkipTLSVerify: config.targets.some((t) => !t.tlsVerify),
    summaryTrendStats: ["avg", "min", "med", "p(90)", "p(95)", "p(99)", "max", "count"],
  };
}

/** A load-shape value from config.scenarios.<name>.load.<key>, of the fallback's type. */
export function loadValue<T extends number | string | boolean>(config: Config, name: string, key: string, fallback: T): T {
  const v = config.scenarios[name]?.load?.[key];
  if (v === undefined) return fallback;
  if (typeof v !== typeof fallback) throw new Error(`scenarios.${name}.load.${key}: expected a ${typeof fallback}, got ${JSON.stringify(v)}`);
  if (typeof v === "number" && (!Number.isFinite(v) || v < 0)) throw new Error(`scenarios.${name}.load.${key}: expected a number ≥ 0, got ${v}`);
  return v as T;
}
