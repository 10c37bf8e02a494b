// Bounded-memory Trend store: a logarithmic histogram (log-linear buckets with ratio
// GAMMA = (1 + ALPHA) / (1 - ALPHA)) plus exact count, sum, min and max.
//
// Error bound: every value v with |v| >= MIN_TRACKED falls in a bucket whose representative r
// satisfies |r - v| <= ALPHA * |v| (ALPHA = 0.5 %). Values with |v| < MIN_TRACKED (1e-9 ms) are
// counted as 0 (absolute error below 1e-9). Memory: one float64 counter per bucket between the
// smallest and largest magnitude seen, independent of the number of samples: 1 µs … 1000 s spans
// about 2,100 buckets (17 KB); the whole float64 range at most ~73,000 per sign.
//
// k6 computes percentiles exactly: sort all values, i = p·(n−1), interpolate linearly between
// ranks floor(i) and ceil(i) (k6 docs, javascript-api/k6-metrics/trend; k6 metrics/sink.go).
// Up to EXACT_CAP (1,024) samples this is done on the values themselves (exact-values.ts); past
// that, `percentile` does the same on bucket representatives, clamped to the exact min/max, so when
// both neighbouring ranks have the same sign the result is within ALPHA (0.5 %) of k6's value;
// across a sign change the error is at most ALPHA times the larger neighbour's magnitude.
// avg, min, max and count are exact (sum is a float64 sum, as in k6).

import { ExactValues } from "./exact-values.ts";
import { decodeNumber, encodeNumber, type JsonNumber } from "./json-number.ts";

export const ALPHA = 0.005;
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const LOG_GAMMA = Math.log(GAMMA);
export const MIN_TRACKED = 1e-9;
/** Index of MIN_TRACKED: every tracked magnitude maps to an index >= 0. */
const INDEX_BASE = Math.ceil(Math.log(MIN_TRACKED) / LOG_GAMMA);
const MAX_INDEX = Math.ceil(Math.log(Number.MAX_VALUE) / LOG_GAMMA) - INDEX_BASE;

/** JSON form: buckets as [index, count] pairs for each sign. */
export interface HistogramState {
  alpha: number;
  count: number;
  sum: JsonNumber;
  min: JsonNumber;
  max: JsonNumber;
  zero: number;
  pos: Array<[number, number]>;
  neg: Array<[number, number]>;
  /** every value, while there are at most EXACT_CAP of them */
  exact?: JsonNumber[];
}

/** Counts per bucket index, grown on demand (dense, so add() allocates only when it grows). */
class Buckets {
  counts = new Float64Array(0);
  offset = 0;

  add(index: number, n: number): void {
    let i = index - this.offset;
    if (i < 0 || i >= this.counts.length) i = this.grow(index);
    this.counts[i]! += n;
  }

  private grow(index: number): number {
    const used = this.counts.length;
    const lo = used === 0 ? index : Math.min(index, this.offset);
    const hi = used === 0 ? index : Math.max(index, this.offset + used - 1);
    const span = hi - lo + 1;
    const size = Math.min(MAX_INDEX + 1, Math.max(span, 2 * used, 64));
    // leave the free room on the side that is growing
    const wanted = used > 0 && index < this.offset ? hi + 1 - size : lo;
    const start = Math.max(0, Math.min(wanted, MAX_INDEX + 1 - size));
    const next = new Float64Array(size);
    if (used > 0) next.set(this.counts, this.offset - start);
    this.counts = next;
    this.offset = start;
    return index - start;
  }

  entries(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.counts.length; i++) {
      const c = this.counts[i]!;
      if (c > 0) out.push([i + this.offset, c]);
    }
    return out;
  }
}

function indexOf(magnitude: number): number {
  const i = Math.ceil(Math.log(magnitude) / LOG_GAMMA) - INDEX_BASE;
  return i > MAX_INDEX ? MAX_INDEX : i;
}

/** Representative of a bucket: the point within ALPHA of every value in (γ^(i-1), γ^i]. */
const LOG_REPRESENTATIVE = Math.log(2 / (GAMMA + 1));
function valueOf(index: number): number {
  // 2γ^i/(γ+1), computed in log space so the top buckets do not overflow
  return Math.exp((index + INDEX_BASE) * LOG_GAMMA + LOG_REPRESENTATIVE);
}

export class Histogram {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private zero = 0;
  private readonly pos = new Buckets();
  private readonly neg = new Buckets();
  private readonly exact = new ExactValues();

  add(value: number): void {
    if (value !== value) return; // NaN: k6/metrics refuses it before it becomes a sample
    this.exact.add(value);
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value >= MIN_TRACKED) this.pos.add(indexOf(value), 1);
    else if (value <= -MIN_TRACKED) this.neg.add(indexOf(-value), 1);
    else this.zero++;
  }

  get avg(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** k6's percentile (p in 0..1) with the error bound above; 0 when empty, as in k6. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    if (this.count === 1) return this.min;
    const rank = p * (this.count - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    const vlo = this.valueAtRank(lo);
    if (hi === lo) return vlo;
    const vhi = this.valueAtRank(hi);
    return vlo + (vhi - vlo) * (rank - lo);
  }

  /** Approximate value of the k-th smallest sample (0-based); exact at both ends. */
  valueAtRank(k: number): number {
    if (k <= 0) return this.min;
    if (k >= this.count - 1) return this.max;
    if (this.exact.valid) return this.exact.at(k);
    let seen = 0;
    const neg = this.neg.counts;
    for (let i = neg.length - 1; i >= 0; i--) {
      seen += neg[i]!;
      if (seen > k) return this.clamp(-valueOf(i + this.neg.offset));
    }
    seen += this.zero;
    if (seen > k) return this.clamp(0);
    const pos = this.pos.counts;
    for (let i = 0; i < pos.length; i++) {
      seen += pos[i]!;
      if (seen > k) return this.clamp(valueOf(i + this.pos.offset));
    }
    return this.max;
  }

  private clamp(v: number): number {
    return v < this.min ? this.min : v > this.max ? this.max : v;
  }

  toJSON(): HistogramState {
    const exact = this.exact.toJSON();
    return {
      ...(exact ? { exact } : {}),
      alpha: ALPHA, count: this.count, sum: encodeNumber(this.sum),
      min: encodeNumber(this.min), max: encodeNumber(this.max),
      zero: this.zero, pos: this.pos.entries(), neg: this.neg.entries(),
    };
  }

  /** Adds another histogram's state bucket-wise (exact: same bucket layout). */
  merge(state: HistogramState): void {
    if (state.alpha !== ALPHA) throw new RangeError(`histogram alpha ${state.alpha} cannot merge into ${ALPHA}`);
    if (state.count === 0) return;
    this.exact.merge(state.exact);
    this.count += state.count;
    this.sum += decodeNumber(state.sum);
    const min = decodeNumber(state.min);
    const max = decodeNumber(state.max);
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    this.zero += state.zero;
    for (const [i, c] of state.pos) this.pos.add(i, c);
    for (const [i, c] of state.neg) this.neg.add(i, c);
  }

  static fromJSON(state: HistogramState): Histogram {
    const h = new Histogram();
    h.merge(state);
    return h;
  }
}
