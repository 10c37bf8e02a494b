// The bench's summary table: each figure for the harness and the bare `ws` reference, their ratio as the
// harness's cost (> 1: the harness does worse), the target and whether it is met. Repeats give a median
// and the range, so the noise of a shared machine is visible.

export interface Row {
  figure: string;
  unit: string;
  /** one value per repeat; undefined when not measured */
  harness: (number | undefined)[];
  bare: (number | undefined)[];
  /** true when a larger value is better (rates), so the cost ratio is bare / harness */
  higherIsBetter: boolean;
  /** the absolute target on the harness value, e.g. { op: ">=", value: 20000 } */
  target?: { op: ">=" | "<="; value: number };
  /** the ratio target (cost ≤ this), 1.5 by default; undefined for figures without one */
  ratioTarget?: number;
}

export function median(xs: (number | undefined)[]): number | undefined {
  const v = xs.filter((x): x is number => x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1]! + v[m]!) / 2;
}

function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString("en-US");
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function cell(xs: (number | undefined)[]): string {
  const v = xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
  const m = median(xs);
  if (v.length <= 1) return fmt(m);
  return `${fmt(m)} (${fmt(Math.min(...v))}–${fmt(Math.max(...v))})`;
}

export interface Verdict {
  figure: string;
  unit: string;
  harness: number | undefined;
  bare: number | undefined;
  cost: number | undefined;
  target: string;
  met: boolean | undefined;
  harnessAll: (number | undefined)[];
  bareAll: (number | undefined)[];
}

export function judge(r: Row): Verdict {
  const h = median(r.harness);
  const b = median(r.bare);
  const cost = h !== undefined && b !== undefined && h !== 0 && b !== 0 ? (r.higherIsBetter ? b / h : h / b) : undefined;
  const parts: string[] = [];
  let met: boolean | undefined = true;
  if (r.target) {
    parts.push(`${r.target.op} ${fmt(r.target.value)}`);
    if (h === undefined) met = undefined;
    else if (r.target.op === ">=" ? h < r.target.value : h > r.target.value) met = false;
  }
  if (r.ratioTarget !== undefined) {
    parts.push(`≤ ${r.ratioTarget}× bare`);
    if (cost === undefined) met = met === false ? false : undefined;
    else if (cost > r.ratioTarget) met = false;
  }
  if (parts.length === 0) met = undefined;
  return { figure: r.figure, unit: r.unit, harness: h, bare: b, cost, target: parts.join(", ") || "–", met, harnessAll: r.harness, bareAll: r.bare };
}

/** A Markdown table of the rows. */
export function table(rows: Row[]): string {
  const lines = ["| figure | harness | bare ws | harness cost | target | met |", "| --- | --- | --- | --- | --- | --- |"];
  for (const r of rows) {
    const v = judge(r);
    const met = v.met === undefined ? "–" : v.met ? "yes" : "**no**";
    lines.push(`| ${r.figure} (${r.unit}) | ${cell(r.harness)} | ${cell(r.bare)} | ${v.cost === undefined ? "–" : `${v.cost.toFixed(2)}×`} | ${v.target} | ${met} |`);
  }
  return lines.join("\n");
}
