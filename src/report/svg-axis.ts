// Axis ticks for the report's SVG charts: "nice" steps of 1, 2, 2.5 or 5 times a power of ten.
import { fmtNumber } from "./format.ts";

export function niceStep(span: number, target: number): number {
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
}

/** Tick values covering [min, max]; the first tick ≤ min and the last ≥ max. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) max = min + (min === 0 ? 1 : Math.abs(min));
  const step = niceStep(max - min, target);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const out: number[] = [];
  for (let i = 0, v = lo; v <= hi + step / 2 && i < 100; i++, v = lo + i * step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** A tick label: thousands as k, millions as M. */
export function tickLabel(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${fmtNumber(v / 1e6)}M`;
  if (abs >= 1e4) return `${fmtNumber(v / 1e3)}k`;
  return fmtNumber(v);
}
