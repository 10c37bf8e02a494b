// The --summary-export shape (k6 docs, using-k6/k6-options/reference#summary-export): metrics are
// flattened to their values without type; the type is inferred from the value names k6 writes
// (counter: count, rate; gauge: value, min, max; rate: value, passes, fails; trend: the trend stats),
// thresholds are {expr: true when failed}, checks are objects keyed by name.
import { METRICS } from "../metrics/index.ts";
import { ReportInputError } from "./errors.ts";
import { parseMetricName } from "./metric-name.ts";
import type { CheckResult, MetricType, RunSummary, SummaryMetric, ThresholdResult, ValueKind } from "./summary.ts";
import { expectNumber, expectObject, type Json } from "./validate.ts";

/** k6's built-in time trends (k6 docs, using-k6/metrics/reference) and the catalogue's ms trends */
const TIME_TRENDS = new Set<string>([
  "http_req_duration", "http_req_blocked", "http_req_connecting", "http_req_tls_handshaking", "http_req_sending",
  "http_req_waiting", "http_req_receiving", "iteration_duration", "group_duration", "ws_connecting",
  "ws_session_duration", "ws_ping", "grpc_req_duration",
  ...METRICS.filter((m) => m.unit === "ms").map((m) => m.name),
]);
const DATA_COUNTERS = new Set(["data_sent", "data_received"]);

function inferType(values: Record<string, Json>): MetricType {
  const keys = new Set(Object.keys(values).filter((k) => k !== "thresholds"));
  if (keys.has("passes") && keys.has("fails") && keys.has("value")) return "rate";
  if (keys.has("count") && keys.has("rate") && keys.size === 2) return "counter";
  if (keys.has("value") && keys.has("min") && keys.has("max") && keys.size === 3) return "gauge";
  return "trend";
}

export function parseExport(root: Record<string, Json>, file: string): RunSummary {
  const metricsObj = expectObject(root.metrics, file, "metrics");
  const metrics = new Map<string, SummaryMetric>();
  for (const [name, raw] of Object.entries(metricsObj)) {
    const at = `metrics[${JSON.stringify(name)}]`;
    const flat = expectObject(raw, file, at);
    const type = inferType(flat);
    const values: Record<string, number> = {};
    const thresholds: ThresholdResult[] = [];
    for (const [k, v] of Object.entries(flat)) {
      if (k === "thresholds") {
        for (const [expr, failed] of Object.entries(expectObject(v, file, `${at}.thresholds`))) {
          if (typeof failed !== "boolean") {
            throw new ReportInputError("shape", file, `${at}.thresholds[${JSON.stringify(expr)}]: expected true or false`);
          }
          thresholds.push({ expr, ok: !failed });
        }
      } else if (v !== null) {
        values[type === "rate" && k === "value" ? "rate" : k] = expectNumber(v, file, `${at}[${JSON.stringify(k)}]`);
      }
    }
    const base = parseMetricName(name).base;
    const contains: ValueKind = type === "trend" && TIME_TRENDS.has(base) ? "time" : DATA_COUNTERS.has(base) ? "data" : "default";
    metrics.set(name, { name, type, contains, values, thresholds });
  }
  const checks: CheckResult[] = [];
  collect(expectObject(root.root_group, file, "root_group"), "root_group", file, checks);
  return { file, format: "summary-export", durationMs: undefined, metrics, checks };
}

function collect(group: Record<string, Json>, at: string, file: string, out: CheckResult[]): void {
  const path = typeof group.path === "string" ? group.path : "";
  for (const [key, raw] of Object.entries(expectObject(group.checks ?? {}, file, `${at}.checks`))) {
    const c = expectObject(raw, file, `${at}.checks[${JSON.stringify(key)}]`);
    out.push({
      group: path,
      name: typeof c.name === "string" ? c.name : key,
      passes: expectNumber(c.passes, file, `${at}.checks[${JSON.stringify(key)}].passes`),
      fails: expectNumber(c.fails, file, `${at}.checks[${JSON.stringify(key)}].fails`),
    });
  }
  for (const [key, g] of Object.entries(expectObject(group.groups ?? {}, file, `${at}.groups`))) {
    const sub = `${at}.groups[${JSON.stringify(key)}]`;
    collect(expectObject(g, file, sub), sub, file, out);
  }
}
