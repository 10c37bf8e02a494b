// A bounded-memory distribution of non-negative samples: log-spaced bins (each 2 % wider than the
// last), so percentiles of a long run are read within ~1 % without keeping every sample.
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** samples below this (ms) share bin 0 */
const FLOOR = 0.001;

function binOf(v: number): number {
  return v <= FLOOR ? 0 : 1 + Math.floor(Math.log(v / FLOOR) / LOG_GROWTH);
}

/** The value a bin stands for: the midpoint of its bounds. */
function binValue(bin: number): number {
  if (bin === 0) return 0;
  const lo = FLOOR * GROWTH ** (bin - 1);
  return (lo + lo * GROWTH) / 2;
}

export class LogHistogram {
  readonly bins = new Map<number, number>();
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  add(v: number, times = 1): void {
    if (!Number.isFinite(v) || times <= 0) return;
    const b = binOf(Math.max(0, v));
    this.bins.set(b, (this.bins.get(b) ?? 0) + times);
    this.count += times;
    this.sum += v * times;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  merge(o: LogHistogram): void {
    for (const [b, n] of o.bins) this.bins.set(b, (this.bins.get(b) ?? 0) + n);
    this.count += o.count;
    this.sum += o.sum;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
  }

  /** The p-th percentile (0–100), clamped to the observed min and max; undefined when empty. */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (const b of [...this.bins.keys()].sort((x, y) => x - y)) {
      seen += this.bins.get(b)!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, binValue(b)));
    }
    return this.max;
  }

  /** Sorted (value, count) pairs: the distribution at bin resolution. */
  entries(): Array<[number, number]> {
    return [...this.bins.keys()].sort((x, y) => x - y)
      .map((b) => [Math.min(this.max, Math.max(this.min, binValue(b))), this.bins.get(b)!]);
  }
}
