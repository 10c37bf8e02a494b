// How k6's `experimental-prometheus-rw` output names series (k6 docs,
// results-output/real-time/prometheus-remote-write "Metrics mapping"): every name starts with `k6_`;
// counters end in `_total`, rates in `_rate`, gauges keep the metric name, and a trend becomes one
// gauge per stat of K6_PROMETHEUS_RW_TREND_STATS (default `p(99)`), named `k6_<name>_<stat>` with
// `p(95)` → `p95`, `p(99.9)` → `p999`; trend values of time metrics are in seconds.
// Text rendering follows the Prometheus docs, "Exposition formats" (text format 0.0.4).
import type { MetricType, Tags, ValueType } from "../contracts.ts";

export const PREFIX = "k6_";
export const DEFAULT_TREND_STATS = ["p(99)"] as const;

/** A trend stat as k6 resolves it; `suffix` ends the series name. */
export interface TrendStat {
  /** as written, e.g. "p(99.9)" */
  stat: string;
  /** "p999" */
  suffix: string;
  /** "count" | "sum" | "min" | "max" | "avg" | "med" | "p" */
  method: "count" | "sum" | "min" | "max" | "avg" | "med" | "p";
  /** 0..1 for "p" */
  q: number;
}

export class TrendStatsError extends Error {
  override name = "TrendStatsError";
  readonly kind = "invalid-trend-stat";
  readonly stat: string;
  constructor(stat: string, message: string) {
    super(message);
    this.stat = stat;
  }
}

const PLAIN = new Set(["count", "sum", "min", "max", "avg", "med"]);

/** Parses K6_PROMETHEUS_RW_TREND_STATS ("p(90),p(95),max"); a bad stat is a TrendStatsError naming it. */
export function parseTrendStats(list: string): TrendStat[] {
  const out: TrendStat[] = [];
  for (const raw of list.split(",")) {
    const stat = raw.trim();
    if (stat === "") continue;
    if (PLAIN.has(stat)) {
      out.push({ stat, suffix: stat, method: stat as TrendStat["method"], q: 0 });
      continue;
    }
    const m = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
    const pct = m ? Number(m[1]) : NaN;
    if (!m || !(pct >= 0 && pct <= 100)) {
      throw new TrendStatsError(stat, `unsupported trend stat "${stat}": use count, sum, min, max, avg, med or p(N) with 0 ≤ N ≤ 100`);
    }
    out.push({ stat, suffix: `p${m[1]!.replace(/\./g, "")}`, method: "p", q: pct / 100 });
  }
  if (out.length === 0) throw new TrendStatsError(list, "no trend stats given");
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.suffix)) throw new TrendStatsError(s.stat, `trend stat "${s.stat}" is listed twice`);
    seen.add(s.suffix);
  }
  return out;
}

/** The series names one k6 metric becomes. */
export function seriesNames(metric: string, type: MetricType, stats: readonly TrendStat[]): string[] {
  switch (type) {
    case "counter": return [`${PREFIX}${metric}_total`];
    case "rate": return [`${PREFIX}${metric}_rate`];
    case "gauge": return [`${PREFIX}${metric}`];
    case "trend": return stats.map((s) => `${PREFIX}${metric}_${s.suffix}`);
  }
}

/** k6 sends trend stats of time metrics in seconds (the samples are in ms). */
export function trendScale(contains: ValueType): number {
  return contains === "time" ? 1 / 1000 : 1;
}

/**
 * Tags as a label set `{a="x",b="y"}` (sorted by name). Empty keys and values are left out, as k6
 * does; names are made valid Prometheus label names ([a-zA-Z_][a-zA-Z0-9_]*, no leading `__`).
 */
export function labelSet(tags: Tags): string {
  const names = new Map<string, string>();
  for (const key of Object.keys(tags).sort()) {
    const value = tags[key];
    if (key === "" || value === undefined || value === "") continue;
    const name = labelName(key);
    if (!names.has(name)) names.set(name, value);
  }
  if (names.size === 0) return "";
  const parts: string[] = [];
  for (const name of [...names.keys()].sort()) parts.push(`${name}="${escapeLabelValue(names.get(name)!)}"`);
  return `{${parts.join(",")}}`;
}

export function labelName(key: string): string {
  let name = key.replace(/[^a-zA-Z0-9_]/g, "_");
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (name.startsWith("__")) name = `tag${name}`;
  return name;
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text escapes backslash and line feed. */
export function escapeHelp(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** Sample values as Go's ParseFloat reads them: NaN, +Inf, -Inf or a decimal/exponent number. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}
