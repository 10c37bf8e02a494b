// Option consolidation (k6 docs, using-k6/k6-options/how-to): defaults < script `options` <
// K6_* environment variables < CLI flags, then the execution shortcuts become scenarios
// (k6 lib/executor/execution_config_shortcuts.go, k6 v2.1 semantics for `vus` alone).
import { parseDuration } from "./duration.ts";
import { OptionsError } from "./errors.ts";
import type { ScenarioConfig } from "./scenario-types.ts";
import { readScenarios } from "./scenarios.ts";

export type OptionLayer = Record<string, unknown>;

export interface Consolidated {
  /** merged options as k6's test.options shows them: shortcut keys removed, `scenarios` set */
  options: Record<string, unknown>;
  scenarios: ScenarioConfig[];
  warnings: string[];
  setupTimeoutMs: number;
  teardownTimeoutMs: number;
  handleSummaryTimeoutMs: number;
  tags: Record<string, string>;
}

const EXECUTION_KEYS = ["duration", "iterations", "stages", "scenarios"] as const;

/** Merges option layers, lowest priority first. */
export function mergeLayers(layers: readonly OptionLayer[]): OptionLayer {
  const out: OptionLayer = {};
  for (const layer of layers) {
    // k6 lib/options.go Apply: an execution option in a higher layer discards all of them from lower layers.
    if (EXECUTION_KEYS.some((k) => layer[k] !== undefined)) for (const k of EXECUTION_KEYS) delete out[k];
    for (const [k, v] of Object.entries(layer)) if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Consolidates the layers (script options, env, CLI) into scenarios; throws OptionsError listing every problem. */
export function consolidate(layers: readonly OptionLayer[]): Consolidated {
  const merged = mergeLayers(layers);
  const problems: string[] = [];
  const warnings: string[] = [];
  const scenariosRaw = shortcutScenarios(merged, problems, warnings);
  const { scenarios, problems: scenarioProblems } = scenariosRaw === undefined ? { scenarios: [], problems: [] } : readScenarios(scenariosRaw);
  problems.push(...scenarioProblems);

  const timeout = (key: string, fallback: number): number => {
    const v = merged[key];
    if (v === undefined || v === null) return fallback;
    try {
      const ms = parseDuration(v);
      if (ms <= 0) problems.push(`${key}: must be more than 0`);
      return ms;
    } catch (e) {
      problems.push(`${key}: ${(e as Error).message}`);
      return fallback;
    }
  };
  const setupTimeoutMs = timeout("setupTimeout", 60_000);
  const teardownTimeoutMs = timeout("teardownTimeout", 60_000);
  const handleSummaryTimeoutMs = timeout("handleSummaryTimeout", 120_000);
  const tags = stringMap(merged.tags, "tags", problems);
  checkTypes(merged, problems);
  if (problems.length > 0) throw new OptionsError(problems);

  const options: Record<string, unknown> = { ...merged, scenarios: scenariosRaw };
  for (const k of ["vus", "duration", "iterations", "stages"]) delete options[k];
  return { options, scenarios, warnings, setupTimeoutMs, teardownTimeoutMs, handleSummaryTimeoutMs, tags };
}

function shortcutScenarios(o: OptionLayer, problems: string[], warnings: string[]): unknown {
  const has = (k: string): boolean => o[k] !== undefined && o[k] !== null;
  const used = (["duration", "iterations", "stages"] as const).filter(has);
  if (has("stages") && used.length > 1) {
    problems.push(`using multiple execution config shortcuts (${used.join(" and ")}) simultaneously is not allowed`);
  }
  if (has("scenarios") && used.length > 0) {
    problems.push(`executor configuration shortcuts (${used.join(", ")}) and "scenarios" can't be used simultaneously`);
    return o.scenarios;
  }
  const vus = o.vus;
  if (has("vus") && (typeof vus !== "number" || !Number.isInteger(vus) || vus < 0)) {
    problems.push(`vus: must be a non-negative integer, got ${JSON.stringify(vus)}`);
  }
  if (has("iterations")) {
    const s: Record<string, unknown> = { executor: "shared-iterations", vus: has("vus") ? vus : 1, iterations: o.iterations };
    if (has("duration")) s.maxDuration = o.duration;
    return { default: s };
  }
  if (has("duration")) {
    let ms = 0;
    try {
      ms = parseDuration(o.duration);
    } catch (e) {
      problems.push(`duration: ${(e as Error).message}`);
      return undefined;
    }
    if (ms <= 0) {
      problems.push("duration: must be more than 0");
      return undefined;
    }
    return { default: { executor: "constant-vus", vus: has("vus") ? vus : 1, duration: o.duration } };
  }
  if (has("stages")) {
    return { default: { executor: "ramping-vus", startVUs: has("vus") ? vus : 1, stages: o.stages } };
  }
  if (has("vus") && typeof vus === "number" && vus > 0) {
    // k6 v2.1+: `vus` alone runs shared-iterations with as many iterations as VUs.
    if (has("scenarios")) warnings.push(`the vus=${vus} option overrides the "scenarios" option: running shared-iterations with ${vus} VUs and ${vus} iterations`);
    return { default: { executor: "shared-iterations", vus, iterations: vus } };
  }
  if (has("scenarios")) return o.scenarios;
  // k6: nothing set runs one VU for one iteration.
  return { default: { executor: "per-vu-iterations", vus: 1, iterations: 1 } };
}

function stringMap(v: unknown, key: string, problems: string[]): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) {
    problems.push(`${key}: must be an object of strings`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === "string" || typeof val === "number" || typeof val === "boolean") out[k] = String(val);
    else problems.push(`${key}.${k}: must be a string`);
  }
  return out;
}

function checkTypes(o: OptionLayer, problems: string[]): void {
  const bools = ["insecureSkipTLSVerify", "noColor", "throw", "discardResponseBodies", "noCookiesReset"];
  for (const k of bools) if (o[k] !== undefined && typeof o[k] !== "boolean") problems.push(`${k}: must be true or false`);
  const stats = o.summaryTrendStats;
  if (stats !== undefined && (!Array.isArray(stats) || stats.some((s) => typeof s !== "string"))) {
    problems.push("summaryTrendStats: must be an array of strings");
  }
  const unit = o.summaryTimeUnit;
  if (unit !== undefined && unit !== "" && unit !== "s" && unit !== "ms" && unit !== "us") {
    problems.push(`summaryTimeUnit: must be one of "s", "ms", "us", got ${JSON.stringify(unit)}`);
  }
  if (o.minIterationDuration !== undefined) {
    try {
      parseDuration(o.minIterationDuration);
    } catch (e) {
      problems.push(`minIterationDuration: ${(e as Error).message}`);
    }
  }
  if (o.thresholds !== undefined && (typeof o.thresholds !== "object" || o.thresholds === null || Array.isArray(o.thresholds))) {
    problems.push("thresholds: must be an object of metric name → expressions");
  }
}

/** Parses k6's `--stage`/K6_STAGES syntax "30s:10,1m:0" (DURATION:TARGET, comma-separated). */
export function parseStages(text: string): Array<{ duration: string; target: number }> {
  const out: Array<{ duration: string; target: number }> = [];
  for (const part of text.split(",")) {
    const p = part.trim();
    if (p === "") continue;
    const m = /^([^:]+):(\d+)$/.exec(p);
    if (!m) throw new OptionsError([`stage "${p}": expected DURATION:TARGET, e.g. "30s:10"`]);
    try {
      parseDuration(m[1]);
    } catch (e) {
      throw new OptionsError([`stage "${p}": ${(e as Error).message}`]);
    }
    out.push({ duration: m[1]!, target: Number(m[2]) });
  }
  if (out.length === 0) throw new OptionsError([`stages "${text}": no stage given`]);
  return out;
}
