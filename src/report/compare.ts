// Baseline against candidate: per metric and stat (trend avg, p(90), p(95), p(99); rate; counter
// count) the delta and a verdict against a tolerance, in the direction that is worse for that
// metric; plus thresholds that passed (or were absent) in the baseline and fail in the candidate.
import { worseDirection, type Worse } from "./direction.ts";
import { kneeOf, kneeText, type Knee } from "./knee.ts";
import type { MetricType, RunSummary, SummaryMetric, ValueKind } from "./summary.ts";
import { toleranceFor, type Tolerance, type Tolerances } from "./tolerance.ts";

export type Verdict = "regression" | "improvement" | "within" | "changed";

export interface CompareRow {
  metric: string;
  stat: string;
  type: MetricType;
  contains: ValueKind;
  baseline: number;
  candidate: number;
  delta: number;
  /** delta relative to the baseline; undefined when the baseline is 0 */
  relative: number | undefined;
  worse: Worse;
  tolerance: Tolerance;
  verdict: Verdict;
}

export interface ThresholdChange {
  metric: string;
  expr: string;
  /** undefined when the baseline did not define it */
  baseline: boolean | undefined;
  candidate: boolean;
  regression: boolean;
}

export interface Comparison {
  rows: CompareRow[];
  thresholds: ThresholdChange[];
  /** metrics of the baseline the candidate lacks */
  missing: string[];
  /** metrics only the candidate has */
  added: string[];
  regressions: number;
  /** the knee of each run, when either has per-step thresholds; a lower knee fails its step thresholds too */
  knee: { baseline: string; candidate: string; lower: boolean } | undefined;
}

const TREND_STATS = ["avg", "p(90)", "p(95)", "p(99)"];
// Float noise in stats computed two ways (e.g. 63.39999999999999) is not a change.
const EPSILON = 1e-9;

function statsOf(type: MetricType): string[] {
  switch (type) {
    case "trend": return TREND_STATS;
    case "rate": return ["rate"];
    case "counter": return ["count"];
    case "gauge": return [];
  }
}

/** floor: a change no larger than this is within tolerance (the latency noise floor) */
export function verdictOf(baseline: number, candidate: number, worse: Worse, t: Tolerance, floor = 0): Verdict {
  const delta = candidate - baseline;
  const allowed = Math.max(floor, t.kind === "absolute" ? t.amount : t.amount * Math.abs(baseline));
  if (Math.abs(delta) <= allowed + EPSILON) return "within";
  if (worse === "none") return "changed";
  const gotWorse = worse === "higher" ? delta > 0 : delta < 0;
  return gotWorse ? "regression" : "improvement";
}

function compareMetric(b: SummaryMetric, c: SummaryMetric, tolerances: Tolerances): CompareRow[] {
  const rows: CompareRow[] = [];
  const worse = worseDirection(b.name, b.type);
  const tolerance = toleranceFor(tolerances, b.name);
  const floor = b.type === "trend" && b.contains === "time" ? tolerances.minDeltaMs : 0;
  for (const stat of statsOf(b.type)) {
    const base = b.values[stat];
    const cand = c.values[stat];
    if (base === undefined || cand === undefined) continue;
    const delta = cand - base;
    rows.push({
      metric: b.name, stat, type: b.type, contains: b.contains, baseline: base, candidate: cand, delta,
      relative: base === 0 ? undefined : delta / Math.abs(base), worse, tolerance,
      verdict: verdictOf(base, cand, worse, tolerance, floor),
    });
  }
  return rows;
}

export function compareSummaries(baseline: RunSummary, candidate: RunSummary, tolerances: Tolerances): Comparison {
  const rows: CompareRow[] = [];
  const missing: string[] = [];
  const names = [...baseline.metrics.keys()].sort();
  for (const name of names) {
    const b = baseline.metrics.get(name)!;
    const c = candidate.metrics.get(name);
    if (!c) {
      missing.push(name);
      continue;
    }
    if (c.type !== b.type) {
      missing.push(`${name} (${b.type} in the baseline, ${c.type} in the candidate)`);
      continue;
    }
    rows.push(...compareMetric(b, c, tolerances));
  }
  const added = [...candidate.metrics.keys()].filter((n) => !baseline.metrics.has(n)).sort();
  const thresholds: ThresholdChange[] = [];
  for (const name of [...candidate.metrics.keys()].sort()) {
    const c = candidate.metrics.get(name)!;
    const b = baseline.metrics.get(name);
    for (const t of c.thresholds) {
      const before = b?.thresholds.find((x) => x.expr === t.expr)?.ok;
      thresholds.push({ metric: name, expr: t.expr, baseline: before, candidate: t.ok, regression: !t.ok && before !== false });
    }
  }
  const regressions = rows.filter((r) => r.verdict === "regression").length + thresholds.filter((t) => t.regression).length;
  const kb = kneeOf(baseline);
  const kc = kneeOf(candidate);
  const at = (k: Knee | undefined): number => k?.knee?.sessions ?? Infinity;
  const knee = kb || kc ? { baseline: kneeText(kb), candidate: kneeText(kc), lower: at(kc) < at(kb) } : undefined;
  return { rows, thresholds, missing, added, regressions, knee };
}
