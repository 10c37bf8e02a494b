// A run's end-of-test summary as the report reads it. Two k6 shapes are accepted (k6 docs,
// results-output/end-of-test): the handleSummary(data) object (metrics with type, contains,
// values and thresholds {expr: {ok}}; root_group.checks as a list) and the --summary-export file
// (metrics flattened to their values, Rate `rate` named `value`, thresholds {expr: failed};
// checks keyed by name).
import { ReportInputError } from "./errors.ts";
import { parseExport } from "./summary-export.ts";
import { expectNumber, expectObject, type Json } from "./validate.ts";

export type MetricType = "counter" | "gauge" | "rate" | "trend";
export type ValueKind = "default" | "time" | "data";

export interface ThresholdResult {
  expr: string;
  ok: boolean;
}

export interface SummaryMetric {
  /** the metric or submetric name, e.g. "finesse_event_latency{role:self}" */
  name: string;
  type: MetricType;
  contains: ValueKind;
  values: Record<string, number>;
  thresholds: ThresholdResult[];
}

export interface CheckResult {
  /** "::"-joined group path of the check, "" for the root group */
  group: string;
  name: string;
  passes: number;
  fails: number;
}

export interface RunSummary {
  /** the file it was read from (for messages) */
  file: string;
  format: "handleSummary" | "summary-export";
  /** testRunDurationMs; undefined in the --summary-export shape, which does not carry it */
  durationMs: number | undefined;
  metrics: Map<string, SummaryMetric>;
  checks: CheckResult[];
}

const TYPES = new Set<string>(["counter", "gauge", "rate", "trend"]);
const KINDS = new Set<string>(["default", "time", "data"]);
/** values each metric type must carry (k6 lib/metrics sink Format) */
const REQUIRED: Record<MetricType, readonly string[]> = {
  counter: ["count"],
  gauge: ["value"],
  rate: ["rate", "passes", "fails"],
  trend: [],
};

/** Validates a parsed summary document; problems are ReportInputErrors naming the file and JSON path. */
export function parseSummary(doc: unknown, file: string): RunSummary {
  const root = expectObject(doc, file, "(document)");
  const metricsObj = expectObject(root.metrics, file, "metrics");
  const group = expectObject(root.root_group, file, "root_group");
  if (!Array.isArray(group.checks)) {
    if (group.checks !== undefined && typeof group.checks === "object" && group.checks !== null) return parseExport(root, file);
    throw new ReportInputError("shape", file, "root_group.checks: expected a list of checks (handleSummary data) or an object keyed by check name (--summary-export)");
  }
  const metrics = new Map<string, SummaryMetric>();
  for (const [name, raw] of Object.entries(metricsObj)) metrics.set(name, parseMetric(name, raw, file));
  const checks: CheckResult[] = [];
  collectChecks(group, "root_group", file, checks);
  let durationMs: number | undefined;
  if (root.state !== undefined) {
    const state = expectObject(root.state, file, "state");
    durationMs = expectNumber(state.testRunDurationMs, file, "state.testRunDurationMs");
  }
  return { file, format: "handleSummary", durationMs, metrics, checks };
}

function parseMetric(name: string, raw: unknown, file: string): SummaryMetric {
  const at = `metrics[${JSON.stringify(name)}]`;
  const m = expectObject(raw, file, at);
  if (typeof m.type !== "string" || !TYPES.has(m.type)) {
    throw new ReportInputError("shape", file, `${at}.type: expected one of counter, gauge, rate, trend, got ${JSON.stringify(m.type)}`);
  }
  const type = m.type as MetricType;
  const contains = m.contains === undefined ? "default" : m.contains;
  if (typeof contains !== "string" || !KINDS.has(contains)) {
    throw new ReportInputError("shape", file, `${at}.contains: expected one of default, time, data, got ${JSON.stringify(m.contains)}`);
  }
  const values = parseValues(m.values, file, `${at}.values`);
  for (const key of REQUIRED[type]) {
    if (!(key in values)) throw new ReportInputError("shape", file, `${at}.values.${key}: missing (a ${type} metric carries ${REQUIRED[type].join(", ")})`);
  }
  const thresholds: ThresholdResult[] = [];
  if (m.thresholds !== undefined) {
    const t = expectObject(m.thresholds, file, `${at}.thresholds`);
    for (const [expr, result] of Object.entries(t)) {
      const r = expectObject(result, file, `${at}.thresholds[${JSON.stringify(expr)}]`);
      if (typeof r.ok !== "boolean") {
        throw new ReportInputError("shape", file, `${at}.thresholds[${JSON.stringify(expr)}].ok: expected true or false, got ${JSON.stringify(r.ok)}`);
      }
      thresholds.push({ expr, ok: r.ok });
    }
  }
  return { name, type, contains: contains as ValueKind, values, thresholds };
}

/** A values object: numbers; null (a NaN written by JSON.stringify) is dropped. */
export function parseValues(raw: unknown, file: string, at: string): Record<string, number> {
  const obj = expectObject(raw, file, at);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === null) continue;
    out[k] = expectNumber(v, file, `${at}[${JSON.stringify(k)}]`);
  }
  return out;
}

function collectChecks(group: Record<string, Json>, at: string, file: string, out: CheckResult[]): void {
  const path = group.path === undefined ? "" : group.path;
  if (typeof path !== "string") throw new ReportInputError("shape", file, `${at}.path: expected a string`);
  const checks = group.checks;
  if (!Array.isArray(checks)) throw new ReportInputError("shape", file, `${at}.checks: expected a list`);
  checks.forEach((raw, i) => {
    const c = expectObject(raw, file, `${at}.checks[${i}]`);
    if (typeof c.name !== "string") throw new ReportInputError("shape", file, `${at}.checks[${i}].name: expected a string`);
    out.push({
      group: path,
      name: c.name,
      passes: expectNumber(c.passes, file, `${at}.checks[${i}].passes`),
      fails: expectNumber(c.fails, file, `${at}.checks[${i}].fails`),
    });
  });
  const groups = group.groups ?? [];
  if (!Array.isArray(groups)) throw new ReportInputError("shape", file, `${at}.groups: expected a list`);
  groups.forEach((g, i) => collectChecks(expectObject(g, file, `${at}.groups[${i}]`), `${at}.groups[${i}]`, file, out));
}
