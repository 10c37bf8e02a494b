// The `thresholds` option, short and long form (k6 docs, using-k6/thresholds):
//   { metric: ["expr", { threshold: "expr", abortOnFail: true, delayAbortEval: "10s" }] }
// Every problem is collected, so one run reports them all (k6 exits 104 before the test starts).
import type { MetricType } from "../contracts.ts";
import { parseDurationMs } from "./duration.ts";
import { ThresholdConfigError, type ThresholdProblem } from "./errors.ts";
import type { MetricInfo } from "./registry.ts";
import { parseMetricKey, parseThresholdExpression, type MetricKey, type ThresholdExpression } from "./threshold-parse.ts";

/** Aggregations valid per metric type (k6 metrics/metric_type.go); Trend `count` is not. */
const VALID: Record<MetricType, readonly string[]> = {
  counter: ["count", "rate"],
  gauge: ["value"],
  rate: ["rate"],
  trend: ["avg", "min", "max", "med", "p"],
};

export interface Threshold {
  expression: ThresholdExpression;
  abortOnFail: boolean;
  /** ms; abortOnFail acts only once the run is older than this (unset: at once) */
  delayAbortEvalMs: number | undefined;
}

/** All thresholds on one metric or submetric. */
export interface ThresholdGroup {
  /** the key as written in the option */
  key: string;
  /** canonical name in summaries: "metric" or "metric{suffix}" */
  name: string;
  target: MetricKey;
  info: MetricInfo;
  thresholds: Threshold[];
}

export interface CompiledThresholds {
  groups: ThresholdGroup[];
  /** non-fatal notes, e.g. thresholds on `vu`/`iter` tags that k6 emits as metadata */
  warnings: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function compileEntry(key: string, entry: unknown, info: MetricInfo | undefined,
  problems: ThresholdProblem[]): Threshold | undefined {
  let source: unknown = entry;
  let abortOnFail = false;
  let delayAbortEvalMs: number | undefined;
  if (isRecord(entry)) {
    source = entry.threshold;
    if (typeof source !== "string") {
      problems.push({ key, message: `${key}: the long form needs "threshold" as a string expression` });
      return undefined;
    }
    if (entry.abortOnFail !== undefined) {
      if (typeof entry.abortOnFail !== "boolean") {
        problems.push({ key, expression: source, message: `${key}: "${source}": abortOnFail must be true or false` });
      } else abortOnFail = entry.abortOnFail;
    }
    if (entry.delayAbortEval !== undefined && entry.delayAbortEval !== null) {
      const ms = parseDurationMs(entry.delayAbortEval);
      if (ms === undefined) {
        problems.push({ key, expression: source,
          message: `${key}: "${source}": delayAbortEval ${JSON.stringify(entry.delayAbortEval)} is not a duration such as "10s"` });
      } else delayAbortEvalMs = ms;
    }
  } else if (typeof entry !== "string") {
    problems.push({ key, message: `${key}: each threshold must be an expression string or { threshold, abortOnFail, delayAbortEval }` });
    return undefined;
  }
  const text = source as string;
  const parsed = parseThresholdExpression(text);
  if (!parsed.ok) {
    problems.push({ key, expression: text, message: `${key}: "${text}": ${parsed.error}` });
    return undefined;
  }
  const method = parsed.value.aggregation.method;
  if (info && !VALID[info.type].includes(method)) {
    const allowed = VALID[info.type].map((m) => (m === "p" ? "p(N)" : m)).join(", ");
    problems.push({ key, expression: text,
      message: `${key}: "${text}": aggregation "${parsed.value.aggregationKey}" is not valid for ${info.type} metrics (valid: ${allowed})` });
    return undefined;
  }
  return { expression: parsed.value, abortOnFail, delayAbortEvalMs };
}

/**
 * Validates and compiles `thresholds` against the declared metrics. Throws ThresholdConfigError
 * listing every problem.
 */
export function compileThresholds(config: unknown, lookup: (name: string) => MetricInfo | undefined): CompiledThresholds {
  const out: CompiledThresholds = { groups: [], warnings: [] };
  if (config === undefined || config === null) return out;
  const problems: ThresholdProblem[] = [];
  // k6 metrics/metric.go AddSubmetric: the same tag set on a metric is one submetric, named by its first spelling
  const submetricNames = new Map<string, string>();
  if (!isRecord(config)) {
    throw new ThresholdConfigError([{ key: "", message: "thresholds must be an object mapping metric names to arrays of expressions" }]);
  }
  for (const [key, list] of Object.entries(config)) {
    const parsedKey = parseMetricKey(key);
    if (!parsedKey.ok) {
      problems.push({ key, message: `${key}: ${parsedKey.error}` });
      continue;
    }
    const target = parsedKey.value;
    const info = lookup(target.metric);
    if (!info) problems.push({ key, message: `${key}: no metric named "${target.metric}" is defined (built-in or declared in the init context)` });
    for (const [k] of target.tags ?? []) {
      if (k === "vu" || k === "iter") out.warnings.push(`${key}: "${k}" is emitted as metadata, not as a tag, so this submetric never matches`);
    }
    if (!Array.isArray(list)) {
      problems.push({ key, message: `${key}: thresholds must be an array of expressions` });
      continue;
    }
    const thresholds: Threshold[] = [];
    for (const entry of list) {
      const t = compileEntry(key, entry, info, problems);
      if (t) thresholds.push(t);
    }
    if (info) {
      let name = target.metric;
      if (target.suffix !== undefined) {
        const identity = `${target.metric}\u0000${JSON.stringify([...new Map(target.tags).entries()].sort())}`;
        name = submetricNames.get(identity) ?? `${target.metric}{${target.suffix}}`;
        submetricNames.set(identity, name);
      }
      out.groups.push({ key, name, target, info, thresholds });
    }
  }
  // the engine keeps submetric matches in a 32-bit mask; http_req_duration also has expected_response
  const perMetric = new Map<string, number>();
  for (const identity of submetricNames.keys()) {
    const metric = identity.split("\u0000", 1)[0]!;
    perMetric.set(metric, (perMetric.get(metric) ?? 0) + 1);
  }
  for (const [metric, n] of perMetric) {
    const limit = metric === "http_req_duration" ? 31 : 32;
    if (n > limit) problems.push({ key: metric, message: `${metric}: thresholds define ${n} submetrics with distinct tags; at most ${limit} are supported` });
  }
  if (problems.length > 0) throw new ThresholdConfigError(problems);
  return out;
}
