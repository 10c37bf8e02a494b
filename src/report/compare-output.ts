// The comparison as text for the terminal and as JUnit for CI: regressions first, by name.
import type { CompareRow, Comparison, ThresholdChange } from "./compare.ts";
import { fmtNumber, fmtStat } from "./format.ts";
import { junitXml, type JunitCase } from "./junit.ts";
import { fmtTolerance, type Tolerances } from "./tolerance.ts";

function fmtDelta(r: CompareRow): string {
  const sign = r.delta > 0 ? "+" : r.delta < 0 ? "-" : "±";
  // a rate's change in percentage points, so it does not read as a relative change
  const abs = r.type === "rate" ? `${fmtNumber(Math.abs(r.delta) * 100)} pts` : fmtStat(r, r.stat, Math.abs(r.delta));
  const rel = r.relative === undefined ? "" : ` (${r.relative >= 0 ? "+" : ""}${(r.relative * 100).toFixed(1)}%)`;
  return `${sign}${abs}${rel}`;
}

export function rowLine(r: CompareRow): string {
  return `${r.metric} ${r.stat}: ${fmtStat(r, r.stat, r.baseline)} → ${fmtStat(r, r.stat, r.candidate)}, ${fmtDelta(r)}, tolerance ${fmtTolerance(r.tolerance)}`;
}

const passFail = (ok: boolean | undefined): string => (ok === undefined ? "absent" : ok ? "passed" : "failed");

export function thresholdLine(t: ThresholdChange): string {
  return `threshold ${t.metric}: ${t.expr}: ${passFail(t.baseline)} in the baseline, ${passFail(t.candidate)} in the candidate`;
}

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd()).join("\n");
}

export function comparisonText(c: Comparison, files: { baseline: string; candidate: string }, t: Tolerances): string {
  const overrides = [...t.byMetric].map(([n, tol]) => `${n} ${fmtTolerance(tol)}`);
  const out = [
    `Baseline:  ${files.baseline}`,
    `Candidate: ${files.candidate}`,
    `Tolerance: ${fmtTolerance(t.default)}${overrides.length > 0 ? ` (overrides: ${overrides.join(", ")})` : ""}; latency changes up to ${t.minDeltaMs} ms are within tolerance`,
    "",
  ];
  if (c.knee) {
    out.push(`Knee: baseline ${c.knee.baseline}; candidate ${c.knee.candidate}${c.knee.lower ? " (LOWER: fewer sessions before a step fails)" : ""}`, "");
  }
  const regressed = c.rows.filter((r) => r.verdict === "regression");
  const newlyFailing = c.thresholds.filter((x) => x.regression);
  if (c.regressions === 0) out.push("No regressions.");
  else out.push(`REGRESSIONS (${c.regressions}):`, ...newlyFailing.map((x) => `  ${thresholdLine(x)}`), ...regressed.map((r) => `  ${rowLine(r)}`));
  const improved = c.rows.filter((r) => r.verdict === "improvement");
  if (improved.length > 0) out.push("", `Improvements (${improved.length}):`, ...improved.map((r) => `  ${rowLine(r)}`));
  out.push("", columns([["Metric", "Stat", "Baseline", "Candidate", "Delta", "Verdict"],
    ...c.rows.map((r) => [r.metric, r.stat, fmtStat(r, r.stat, r.baseline), fmtStat(r, r.stat, r.candidate), fmtDelta(r), r.verdict])]));
  if (c.missing.length > 0) out.push("", `Not in the candidate: ${c.missing.join(", ")}`);
  if (c.added.length > 0) out.push("", `Only in the candidate: ${c.added.join(", ")}`);
  out.push("");
  return out.join("\n");
}

export function comparisonJunit(c: Comparison): string {
  const cases: JunitCase[] = c.rows.map((r) => {
    const jc: JunitCase = { classname: "compare", name: `${r.metric} ${r.stat}`, output: rowLine(r) };
    if (r.verdict === "regression") jc.failure = { type: "regression", message: `regression: ${rowLine(r)}` };
    return jc;
  });
  const thresholds: JunitCase[] = c.thresholds.map((t) => {
    const jc: JunitCase = { classname: "compare.thresholds", name: `${t.metric}: ${t.expr}`, output: thresholdLine(t) };
    if (t.regression) jc.failure = { type: "threshold", message: `regression: ${thresholdLine(t)}` };
    return jc;
  });
  return junitXml("finesse-load compare", [{ name: "compare", cases }, { name: "compare.thresholds", cases: thresholds }]);
}
