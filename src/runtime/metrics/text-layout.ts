// Row layout of k6's end-of-test text summary (k6 docs, results-output/end-of-test): names padded
// with dots to a common width plus 3, then ": ", then the values. Non-trend rows have a main value
// and extras ("6.5/s", "min=1 max=5", "45 out of 90"), each column padded to its widest entry;
// trend rows have one "stat=value" column per summaryTrendStats entry.
import type { ValueType } from "../contracts.ts";
import { humanizePerSecond, humanizeRate, humanizeValue } from "./format.ts";
import type { SummaryMetric } from "./summary-data.ts";

export interface Row {
  label: string;
  trend: boolean;
  /** trend: [stat, value] pairs; other types: main value then extras */
  cells: string[];
  stats?: string[];
}

export type Paint = (codes: string, text: string) => string;

/** k6 sorts by parent name, then by the submetric selector, keeping submetrics under their parent. */
export function compareMetricNames(a: string, b: string): number {
  const pa = a.split("{", 1)[0]!;
  const pb = b.split("{", 1)[0]!;
  return pa.localeCompare(pb) || a.slice(pa.length).localeCompare(b.slice(pb.length));
}

export function formatValue(v: number, type: SummaryMetric["type"], contains: ValueType, unit: string): string {
  return type === "rate" ? humanizeRate(v) : humanizeValue(v, contains, unit);
}

export function metricRow(label: string, m: SummaryMetric, unit: string): Row {
  const v = m.values;
  const f = (x: number | undefined): string => formatValue(x ?? 0, m.type, m.contains, unit);
  switch (m.type) {
    case "counter":
      return { label, trend: false, cells: [f(v.count), m.contains === "time" ? `${f(v.rate)}/s` : humanizePerSecond(v.rate ?? 0, m.contains)] };
    case "gauge":
      return { label, trend: false, cells: [f(v.value), `min=${f(v.min)}`, `max=${f(v.max)}`] };
    case "rate": {
      const passes = v.passes ?? 0;
      return { label, trend: false, cells: [f(v.rate), `${passes} out of ${passes + (v.fails ?? 0)}`] };
    }
    case "trend": {
      const stats = Object.keys(v);
      return { label, trend: true, stats, cells: stats.map((s) => (s === "count" ? String(v[s]) : f(v[s]))) };
    }
  }
}

/** Lays out rows (strings pass through as they are) with shared column widths. */
export function layout(rows: ReadonlyArray<Row | string>, paint: Paint, indent = "    "): string[] {
  const real = rows.filter((r): r is Row => typeof r !== "string");
  const nameWidth = Math.max(0, ...real.map((r) => r.label.length));
  const mainWidth = Math.max(0, ...real.filter((r) => !r.trend).map((r) => r.cells[0]!.length));
  const extraWidths: number[] = [];
  const trendWidths: number[] = [];
  for (const r of real) {
    const widths = r.trend ? trendWidths : extraWidths;
    r.cells.forEach((c, i) => {
      const at = r.trend ? i : i - 1;
      if (at >= 0) widths[at] = Math.max(widths[at] ?? 0, c.length);
    });
  }
  return rows.map((r) => {
    if (typeof r === "string") return r;
    const name = r.label + paint("37;2", ".".repeat(nameWidth - r.label.length + 3) + ":");
    let data: string;
    if (r.trend) {
      data = r.cells.map((c, i) => `${r.stats![i]}=${paint("36", c)}${" ".repeat((trendWidths[i] ?? 0) - c.length)}`).join(" ");
    } else {
      const [main, ...extras] = r.cells;
      data = paint("36", main!) + " ".repeat(mainWidth - main!.length);
      if (extras.length > 0) {
        data += " " + extras.map((c, i) => paint("36;2", c) + (extras.length > 1 ? " ".repeat((extraWidths[i] ?? 0) - c.length) : "")).join(" ");
      }
    }
    return `${indent}${name} ${data}`.trimEnd();
  });
}
