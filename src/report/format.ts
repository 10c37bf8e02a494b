// How numbers are shown in the report and the comparison.
import type { SummaryMetric } from "./summary.ts";

export function fmtNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return v.toFixed(abs >= 100 ? 1 : abs >= 1 ? 2 : 3).replace(/\.?0+$/, "");
}

export function fmtMs(v: number): string {
  return Math.abs(v) >= 1000 ? `${fmtNumber(v / 1000)} s` : `${fmtNumber(v)} ms`;
}

export function fmtPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}

export function fmtBytes(v: number): string {
  if (v >= 1e9) return `${fmtNumber(v / 1e9)} GB`;
  if (v >= 1e6) return `${fmtNumber(v / 1e6)} MB`;
  if (v >= 1e3) return `${fmtNumber(v / 1e3)} kB`;
  return `${fmtNumber(v)} B`;
}

/** One stat of a metric in its unit: ms for time trends, % for rates, bytes for data counters. */
export function fmtStat(metric: Pick<SummaryMetric, "type" | "contains">, stat: string, v: number): string {
  if (metric.type === "rate" && stat === "rate") return fmtPercent(v);
  if (metric.contains === "data" && metric.type === "counter") return stat === "rate" ? `${fmtBytes(v)}/s` : fmtBytes(v);
  if (metric.type === "counter" && stat === "rate") return `${fmtNumber(v)}/s`;
  if (stat === "count" || stat === "passes" || stat === "fails") return fmtNumber(v);
  if (metric.contains === "time") return fmtMs(v);
  if (metric.contains === "data") return fmtBytes(v);
  return fmtNumber(v);
}
