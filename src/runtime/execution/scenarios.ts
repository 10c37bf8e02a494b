// Scenario validation and normalisation (k6 docs, using-k6/scenarios; executors/*). Unknown keys are
// rejected like k6's strict JSON decoding; every problem is reported, not just the first.
import { parseDuration } from "./duration.ts";
import { EXECUTORS, type ExecutorName, type ScenarioBase, type ScenarioConfig, type Stage } from "./scenario-types.ts";

const NAME_RE = /^[0-9a-zA-Z_-]+$/;
const MIN_DURATION_MS = 1000; // k6: duration and maxDuration must be at least 1s

const COMMON_KEYS = ["executor", "startTime", "gracefulStop", "exec", "env", "tags", "options"];
const EXECUTOR_KEYS: Record<ExecutorName, readonly string[]> = {
  "shared-iterations": ["vus", "iterations", "maxDuration"],
  "per-vu-iterations": ["vus", "iterations", "maxDuration"],
  "constant-vus": ["vus", "duration"],
  "ramping-vus": ["stages", "startVUs", "gracefulRampDown"],
  "constant-arrival-rate": ["rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"],
  "ramping-arrival-rate": ["stages", "startRate", "timeUnit", "preAllocatedVUs", "maxVUs"],
};

/** Collects problems while reading one scenario. */
class Reader {
  readonly problems: string[];
  readonly raw: Record<string, unknown>;
  readonly where: string;
  constructor(where: string, raw: Record<string, unknown>, problems: string[]) {
    this.where = where;
    this.raw = raw;
    this.problems = problems;
  }
  fail(key: string, message: string): void {
    this.problems.push(`${this.where}.${key}: ${message}`);
  }
  duration(key: string, fallback: number | undefined): number {
    const v = this.raw[key];
    if (v === undefined || v === null) {
      if (fallback === undefined) {
        this.fail(key, "is required");
        return 0;
      }
      return fallback;
    }
    try {
      return parseDuration(v);
    } catch (e) {
      this.fail(key, (e as Error).message);
      return 0;
    }
  }
  int(key: string, fallback: number | undefined): number {
    const v = this.raw[key];
    if (v === undefined || v === null) {
      if (fallback === undefined) {
        this.fail(key, "is required");
        return 0;
      }
      return fallback;
    }
    if (typeof v !== "number" || !Number.isInteger(v)) {
      this.fail(key, `must be an integer, got ${JSON.stringify(v)}`);
      return 0;
    }
    return v;
  }
  stringMap(key: string): Record<string, string> {
    const v = this.raw[key];
    if (v === undefined || v === null) return {};
    if (typeof v !== "object" || Array.isArray(v)) {
      this.fail(key, "must be an object of strings");
      return {};
    }
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val === "string") out[k] = val;
      else if (typeof val === "number" || typeof val === "boolean") out[k] = String(val);
      else this.fail(`${key}.${k}`, "must be a string");
    }
    return out;
  }
  stages(key: string): Stage[] {
    const v = this.raw[key];
    if (!Array.isArray(v) || v.length === 0) {
      this.fail(key, "at least one stage has to be specified");
      return [];
    }
    return v.map((s: unknown, i) => {
      if (typeof s !== "object" || s === null) {
        this.fail(`${key}[${i}]`, "must be an object {duration, target}");
        return { durationMs: 0, target: 0 };
      }
      const stage = new Reader(`${this.where}.${key}[${i}]`, s as Record<string, unknown>, this.problems);
      for (const k of Object.keys(s)) if (k !== "duration" && k !== "target") stage.fail(k, "unknown key");
      const durationMs = stage.duration("duration", undefined);
      const target = stage.int("target", undefined);
      if (durationMs < 0) stage.fail("duration", "can't be negative");
      if (target < 0) stage.fail("target", "can't be negative");
      return { durationMs, target };
    });
  }
}

/** Validates `options.scenarios` and returns them normalised, or the list of problems. */
export function readScenarios(raw: unknown): { scenarios: ScenarioConfig[]; problems: string[] } {
  const problems: string[] = [];
  const scenarios: ScenarioConfig[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { scenarios, problems: ["scenarios: must be an object of named scenarios"] };
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) problems.push("scenarios: no scenarios defined");
  for (const [name, value] of entries) {
    const where = `scenarios.${name}`;
    if (!NAME_RE.test(name)) problems.push(`${where}: invalid scenario name (allowed: letters, digits, "_" and "-")`);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    const s = readScenario(name, value as Record<string, unknown>, problems);
    if (s) scenarios.push(s);
  }
  return { scenarios, problems };
}

function readScenario(name: string, raw: Record<string, unknown>, problems: string[]): ScenarioConfig | undefined {
  const r = new Reader(`scenarios.${name}`, raw, problems);
  const executor = raw.executor;
  if (executor === undefined) {
    r.fail("executor", "is required");
    return undefined;
  }
  if (executor === "externally-controlled") {
    r.fail("executor", "externally-controlled was removed in k6 v2 and is not supported");
    return undefined;
  }
  if (typeof executor !== "string" || !(EXECUTORS as readonly string[]).includes(executor)) {
    r.fail("executor", `unknown executor ${JSON.stringify(executor)} (one of ${EXECUTORS.join(", ")})`);
    return undefined;
  }
  const ex = executor as ExecutorName;
  const allowed = new Set([...COMMON_KEYS, ...EXECUTOR_KEYS[ex]]);
  for (const key of Object.keys(raw)) if (!allowed.has(key)) r.fail(key, `unknown key for executor ${ex}`);

  const exec = raw.exec === undefined ? "default" : raw.exec;
  if (typeof exec !== "string" || exec === "") r.fail("exec", "must be the name of an exported function");
  const base: ScenarioBase = {
    name,
    startTimeMs: r.duration("startTime", 0),
    gracefulStopMs: r.duration("gracefulStop", 30_000),
    exec: typeof exec === "string" ? exec : "default",
    env: r.stringMap("env"),
    tags: r.stringMap("tags"),
  };
  if (base.startTimeMs < 0) r.fail("startTime", "can't be negative");
  if (base.gracefulStopMs < 0) r.fail("gracefulStop", "can't be negative");

  switch (ex) {
    case "shared-iterations":
    case "per-vu-iterations": {
      const vus = r.int("vus", 1);
      const iterations = r.int("iterations", 1);
      const maxDurationMs = r.duration("maxDuration", 600_000);
      if (vus <= 0) r.fail("vus", "the number of VUs must be more than 0");
      if (iterations <= 0) r.fail("iterations", "the number of iterations must be more than 0");
      if (ex === "shared-iterations" && iterations > 0 && vus > 0 && iterations < vus) {
        r.fail("iterations", `the number of iterations (${iterations}) can't be less than the number of VUs (${vus})`);
      }
      if (maxDurationMs < MIN_DURATION_MS) r.fail("maxDuration", "must be at least 1s");
      return { ...base, executor: ex, vus, iterations, maxDurationMs };
    }
    case "constant-vus": {
      const vus = r.int("vus", 1);
      const durationMs = r.duration("duration", undefined);
      if (vus <= 0) r.fail("vus", "the number of VUs must be more than 0");
      if (raw.duration !== undefined && durationMs < MIN_DURATION_MS) r.fail("duration", "must be at least 1s");
      return { ...base, executor: ex, vus, durationMs };
    }
    case "ramping-vus": {
      const startVUs = r.int("startVUs", 1);
      const stages = r.stages("stages");
      const gracefulRampDownMs = r.duration("gracefulRampDown", 30_000);
      if (startVUs < 0) r.fail("startVUs", "can't be negative");
      if (gracefulRampDownMs < 0) r.fail("gracefulRampDown", "can't be negative");
      if (stages.length > 0 && stages.every((s) => s.target === 0) && startVUs === 0) {
        r.fail("stages", "either startVUs or one of the stage targets must be more than 0");
      }
      return { ...base, executor: ex, startVUs, stages, gracefulRampDownMs };
    }
    case "constant-arrival-rate": {
      const rate = r.int("rate", undefined);
      const timeUnitMs = r.duration("timeUnit", 1000);
      const durationMs = r.duration("duration", undefined);
      const preAllocatedVUs = r.int("preAllocatedVUs", undefined);
      const maxVUs = r.int("maxVUs", preAllocatedVUs);
      if (raw.rate !== undefined && rate <= 0) r.fail("rate", "must be more than 0");
      if (timeUnitMs <= 0) r.fail("timeUnit", "must be more than 0");
      if (raw.duration !== undefined && durationMs < MIN_DURATION_MS) r.fail("duration", "must be at least 1s");
      arrivalVUs(r, preAllocatedVUs, maxVUs);
      return { ...base, executor: ex, rate, timeUnitMs, durationMs, preAllocatedVUs, maxVUs };
    }
    case "ramping-arrival-rate": {
      const startRate = r.int("startRate", 0);
      const timeUnitMs = r.duration("timeUnit", 1000);
      const stages = r.stages("stages");
      const preAllocatedVUs = r.int("preAllocatedVUs", undefined);
      const maxVUs = r.int("maxVUs", preAllocatedVUs);
      if (startRate < 0) r.fail("startRate", "can't be negative");
      if (timeUnitMs <= 0) r.fail("timeUnit", "must be more than 0");
      arrivalVUs(r, preAllocatedVUs, maxVUs);
      return { ...base, executor: ex, startRate, timeUnitMs, stages, preAllocatedVUs, maxVUs };
    }
  }
}

function arrivalVUs(r: Reader, preAllocatedVUs: number, maxVUs: number): void {
  if (preAllocatedVUs < 0) r.fail("preAllocatedVUs", "can't be negative");
  if (maxVUs < preAllocatedVUs) r.fail("maxVUs", `can't be less than preAllocatedVUs (${preAllocatedVUs})`);
  if (maxVUs === 0 && preAllocatedVUs === 0 && r.raw.preAllocatedVUs !== undefined) r.fail("maxVUs", "must be more than 0");
}
