// Thresholds in k6's object form (k6 docs, using-k6/thresholds): abortOnFail false keeps the run going past
// a breach, so a stepped run shows every step's verdict instead of stopping at the first one.
import type { Thresholds } from "./options.ts";

export interface ThresholdObject {
  threshold: string;
  abortOnFail: boolean;
}

export function withoutAbort(thresholds: Thresholds): Record<string, ThresholdObject[]> {
  const out: Record<string, ThresholdObject[]> = {};
  for (const [metric, exprs] of Object.entries(thresholds)) out[metric] = exprs.map((threshold) => ({ threshold, abortOnFail: false }));
  return out;
}
