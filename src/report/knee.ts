// The knee of a stepped run: the first step (by concurrent sessions) whose own thresholds fail.
// Steps are the `step` tag's values (the capacity scenario tags every sample with its step's session
// count), their thresholds the summary's `metric{step:N}` submetrics (k6 docs, thresholds on tags).
import { fmtNumber } from "./format.ts";
import { parseMetricName } from "./metric-name.ts";
import type { RunSummary } from "./summary.ts";

export interface StepVerdict {
  sessions: number;
  ok: boolean;
  /** failed thresholds as "metric expr" */
  failed: string[];
}

export interface Knee {
  steps: StepVerdict[];
  /** the first failing step; undefined when every step passed */
  knee: StepVerdict | undefined;
}

/** Per-step verdicts and the knee; undefined when the summary has no step thresholds. */
export function kneeOf(s: RunSummary): Knee | undefined {
  const steps = new Map<number, StepVerdict>();
  for (const m of s.metrics.values()) {
    const n = parseMetricName(m.name);
    const step = n.tags.step;
    if (step === undefined || !/^\d+$/.test(step) || Object.keys(n.tags).length !== 1 || m.thresholds.length === 0) continue;
    const sessions = Number(step);
    const v = steps.get(sessions) ?? { sessions, ok: true, failed: [] };
    steps.set(sessions, v);
    for (const t of m.thresholds) {
      if (t.ok) continue;
      v.ok = false;
      v.failed.push(`${n.base} ${t.expr}`);
    }
  }
  if (steps.size === 0) return undefined;
  const sorted = [...steps.values()].sort((a, b) => a.sessions - b.sessions);
  for (const v of sorted) v.failed.sort();
  return { steps: sorted, knee: sorted.find((v) => !v.ok) };
}

/** The knee in words. */
export function kneeText(k: Knee | undefined): string {
  if (!k) return "not applicable (no per-step thresholds)";
  const top = k.steps.at(-1)!.sessions;
  if (!k.knee) return `none: every step passed, up to ${fmtNumber(top)} sessions`;
  return `${fmtNumber(k.knee.sessions)} sessions (first failing step of ${k.steps.length}: ${k.knee.failed.join(", ")})`;
}
