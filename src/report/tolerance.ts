// Comparison tolerances: "10%" (relative to the baseline) or "2.5" (absolute, in the stat's unit:
// ms, ratio or count), a default and per-metric overrides "NAME=10%". An override on a base name
// also covers its submetrics; an exact submetric name wins over its base.
import { ReportInputError } from "./errors.ts";
import { parseMetricName } from "./metric-name.ts";

export interface Tolerance {
  kind: "relative" | "absolute";
  /** a fraction (0.1 for 10%) or an absolute amount */
  amount: number;
}

export interface Tolerances {
  default: Tolerance;
  byMetric: Map<string, Tolerance>;
  /** time stats changing by no more than this many ms are within tolerance whatever the percentage */
  minDeltaMs: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { kind: "relative", amount: 0.1 };
/** Default noise floor for latencies: run-to-run jitter of a few ms on a quiet target is not a regression. */
export const DEFAULT_MIN_DELTA_MS = 5;

export function parseTolerance(text: string, what = "tolerance"): Tolerance {
  const t = text.trim();
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(t);
  if (!m) throw new ReportInputError("tolerance", "", `${what} "${text}": expected a percentage like 10% or an absolute amount like 2.5`);
  const n = Number(m[1]);
  return m[2] === "%" ? { kind: "relative", amount: n / 100 } : { kind: "absolute", amount: n };
}

/** Tolerances from the values of repeated --tolerance flags: "10%" sets the default, "NAME=20%" an override. */
export function parseTolerances(specs: readonly string[], minDeltaMs = DEFAULT_MIN_DELTA_MS): Tolerances {
  const out: Tolerances = { default: DEFAULT_TOLERANCE, byMetric: new Map(), minDeltaMs };
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    if (eq < 0) {
      out.default = parseTolerance(spec);
      continue;
    }
    const name = spec.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\{[^{}]*\})?$/.test(name)) {
      throw new ReportInputError("tolerance", "", `tolerance "${spec}": "${name}" is not a metric name (NAME or NAME{tag:value})`);
    }
    out.byMetric.set(name, parseTolerance(spec.slice(eq + 1), `tolerance for ${name}`));
  }
  return out;
}

export function toleranceFor(t: Tolerances, metric: string): Tolerance {
  return t.byMetric.get(metric) ?? t.byMetric.get(parseMetricName(metric).base) ?? t.default;
}

export function fmtTolerance(t: Tolerance): string {
  return t.kind === "relative" ? `±${+(t.amount * 100).toFixed(4)}%` : `±${t.amount}`;
}

/** "5", "5ms", "0.5s" as milliseconds (the --min-delta value). */
export function parseMinDelta(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!m) throw new ReportInputError("tolerance", "", `minimum delta "${text}": expected milliseconds like 5ms, 0.5s or 5`);
  return Number(m[1]) * (m[2] === "s" ? 1000 : 1);
}
