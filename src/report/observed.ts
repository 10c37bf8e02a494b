// The value a threshold tested, read back from the summary.
import { fmtStat } from "./format.ts";
import { thresholdStat } from "./metric-name.ts";
import type { SummaryMetric } from "./summary.ts";

export interface Observed {
  stat: string;
  value: number;
  text: string;
}

/** The stat a threshold expression aggregates and its value in the summary; undefined when the summary lacks it. */
export function observedValue(metric: SummaryMetric, expr: string): Observed | undefined {
  const stat = thresholdStat(expr);
  if (stat === undefined) return undefined;
  const key = stat === "p(50)" && !("p(50)" in metric.values) ? "med" : stat;
  const value = metric.values[key];
  if (value === undefined) return undefined;
  return { stat, value, text: fmtStat(metric, stat, value) };
}
