// Pure shaping of collected figures into chart series: per-second sums regrouped into buckets wide
// enough that a long run keeps at most a few hundred points, percentiles per bucket, the
// cumulative distribution and a histogram of a distribution.
import { LogHistogram } from "./log-histogram.ts";

export interface XY {
  x: number;
  y: number;
}

/** bucket widths (s) a chart may use: readable steps of wall time */
const WIDTHS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

export interface Buckets {
  /** epoch second of the first bucket */
  startSec: number;
  /** seconds per bucket */
  width: number;
  count: number;
}

/** The narrowest readable bucket width that keeps [startMs, endMs] within maxBuckets buckets. */
export function bucketsFor(startMs: number, endMs: number, maxBuckets = 240): Buckets {
  const startSec = Math.floor(startMs / 1000);
  const span = Math.floor(endMs / 1000) - startSec + 1;
  const width = WIDTHS.find((w) => Math.ceil(span / w) <= maxBuckets) ?? Math.ceil(span / maxBuckets);
  return { startSec, width, count: Math.max(1, Math.ceil(span / width)) };
}

function indexOf(b: Buckets, sec: number): number | undefined {
  const i = Math.floor((sec - b.startSec) / b.width);
  return i >= 0 && i < b.count ? i : undefined;
}

/** Sum of each bucket (zero when nothing happened in it). */
export function bucketSums(perSec: ReadonlyMap<number, number> | undefined, b: Buckets): number[] {
  const out = new Array<number>(b.count).fill(0);
  for (const [sec, v] of perSec ?? []) {
    const i = indexOf(b, sec);
    if (i !== undefined) out[i]! += v;
  }
  return out;
}

/** x: seconds since the start at each bucket's start. */
function xs(b: Buckets): number[] {
  return Array.from({ length: b.count }, (_, i) => i * b.width);
}

/** Per-second rate in each bucket. */
export function rateSeries(perSec: ReadonlyMap<number, number> | undefined, b: Buckets): XY[] {
  const sums = bucketSums(perSec, b);
  return xs(b).map((x, i) => ({ x, y: sums[i]! / b.width }));
}

/** Count in each bucket. */
export function countSeries(perSec: ReadonlyMap<number, number> | undefined, b: Buckets): XY[] {
  const sums = bucketSums(perSec, b);
  return xs(b).map((x, i) => ({ x, y: sums[i]! }));
}

/** Running total of `up` minus `down` at the end of each bucket, from 0 at the start (e.g. sessions open). */
export function levelSeries(up: ReadonlyMap<number, number> | undefined, down: ReadonlyMap<number, number> | undefined, b: Buckets): XY[] {
  const ups = bucketSums(up, b);
  const downs = bucketSums(down, b);
  let level = 0;
  return [{ x: 0, y: 0 }, ...xs(b).map((x, i) => {
    level += ups[i]! - downs[i]!;
    return { x: x + b.width, y: level };
  })];
}

/** Last value of a gauge in each bucket, carried forward through buckets without a value. */
export function gaugeSeries(perSec: ReadonlyMap<number, number>, b: Buckets): XY[] {
  const last = new Array<number | undefined>(b.count).fill(undefined);
  for (const sec of [...perSec.keys()].sort((x, y) => x - y)) {
    const i = indexOf(b, sec);
    if (i !== undefined) last[i] = perSec.get(sec);
  }
  let carry: number | undefined;
  const out: XY[] = [];
  last.forEach((v, i) => {
    carry = v ?? carry;
    if (carry !== undefined) out.push({ x: i * b.width, y: carry });
  });
  return out;
}

/** The p-th percentile of each bucket that holds samples (buckets without samples are left out). */
export function percentileSeries(perSec: ReadonlyMap<number, LogHistogram>, b: Buckets, p: number): XY[] {
  const merged = new Map<number, LogHistogram>();
  for (const [sec, h] of perSec) {
    const i = indexOf(b, sec);
    if (i === undefined) continue;
    const m = merged.get(i) ?? new LogHistogram();
    merged.set(i, m);
    m.merge(h);
  }
  return [...merged.keys()].sort((x, y) => x - y).map((i) => ({ x: i * b.width, y: merged.get(i)!.percentile(p)! }));
}

/** Empirical cumulative distribution as steps: x a value, y the percent of samples at or below it (from 0 at the smallest). */
export function cdf(h: LogHistogram): XY[] {
  let seen = 0;
  const steps = h.entries().map(([x, n]) => {
    seen += n;
    return { x, y: (100 * seen) / h.count };
  });
  return steps.length === 0 ? [] : [{ x: steps[0]!.x, y: 0 }, ...steps];
}

export interface Bin {
  lo: number;
  hi: number;
  count: number;
}

/** `bins` equal-width bins over [lo, hi] (by default the smallest and largest sample); counts per bin. */
export function histogramBins(h: LogHistogram, bins: number, lo = h.min, hi = h.max): Bin[] {
  if (h.count === 0) return [];
  if (!(hi > lo)) hi = lo + 1;
  const w = (hi - lo) / bins;
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({ lo: lo + i * w, hi: lo + (i + 1) * w, count: 0 }));
  for (const [v, n] of h.entries()) out[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)))]!.count += n;
  return out;
}
