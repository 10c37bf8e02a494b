// junit.xml of one run: one test case per threshold (failure message with the observed value)
// and one per check (failure when any iteration failed it).
import { junitXml, type JunitCase, type JunitSuite } from "./junit.ts";
import { observedValue } from "./observed.ts";
import type { RunSummary } from "./summary.ts";

export function thresholdCases(s: RunSummary): JunitCase[] {
  const cases: JunitCase[] = [];
  for (const m of [...s.metrics.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const t of m.thresholds) {
      const seen = observedValue(m, t.expr);
      const observed = seen ? `${seen.stat} = ${seen.text}` : "observed value not in the summary";
      const c: JunitCase = { classname: "thresholds", name: `${m.name}: ${t.expr}`, output: observed };
      if (!t.ok) c.failure = { type: "threshold", message: `${m.name} ${t.expr} failed: ${observed}` };
      cases.push(c);
    }
  }
  return cases;
}

export function checkCases(s: RunSummary): JunitCase[] {
  return s.checks.map((c) => {
    const total = c.passes + c.fails;
    const classname = c.group === "" ? "checks" : `checks${c.group.replace(/::/g, ".")}`;
    const jc: JunitCase = { classname, name: c.name, output: `${c.passes} of ${total} passed` };
    if (c.fails > 0) jc.failure = { type: "check", message: `${c.fails} of ${total} failed (passes ${c.passes}, fails ${c.fails})` };
    return jc;
  });
}

/** The junit.xml text for a run summary. */
export function reportJunit(s: RunSummary): string {
  const time = s.durationMs === undefined ? undefined : s.durationMs / 1000;
  const suites: JunitSuite[] = [
    { name: "thresholds", ...(time === undefined ? {} : { time }), cases: thresholdCases(s) },
    { name: "checks", cases: checkCases(s) },
  ];
  return junitXml("finesse-load", suites);
}
