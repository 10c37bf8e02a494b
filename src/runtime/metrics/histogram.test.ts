import { test } from "node:test";
import assert from "node:assert/strict";
import { EXACT_CAP } from "./exact-values.ts";
import { ALPHA, Histogram } from "./histogram.ts";

// k6's exact percentile: sort, i = p·(n−1), interpolate between neighbours (k6 metrics/sink.go)
function exactPercentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  if (sorted.length === 1) return sorted[0]!;
  const i = p * (sorted.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

// deterministic generator so failures reproduce
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

function checkBound(values: number[]): void {
  const h = new Histogram();
  for (const v of values) h.add(v);
  const sorted = [...values].sort((a, b) => a - b);
  for (const p of PS) {
    const exact = exactPercentile(sorted, p);
    const got = h.percentile(p);
    assert.ok(Math.abs(got - exact) <= ALPHA * Math.abs(exact) + 1e-12,
      `p=${p}: got ${got}, exact ${exact}, relative error ${Math.abs(got - exact) / Math.abs(exact)}`);
  }
  assert.equal(h.count, values.length);
  assert.equal(h.min, sorted[0]);
  assert.equal(h.max, sorted[sorted.length - 1]);
}

test("percentiles stay within the stated 0.5 % relative error on random positive data", () => {
  const r = rng(42);
  // log-uniform from 1 µs to 100 s, like response times
  checkBound(Array.from({ length: 20_000 }, () => 10 ** (r() * 8 - 3)));
  // uniform 0..500 ms
  checkBound(Array.from({ length: 5_000 }, () => r() * 500));
  // heavy-tailed
  checkBound(Array.from({ length: 5_000 }, () => 1 / (r() + 1e-6)));
});

test("negative values and huge values are tracked with the same relative bound", () => {
  const r = rng(7);
  checkBound(Array.from({ length: 5_000 }, () => -(10 ** (r() * 6))));
  checkBound(Array.from({ length: 2_000 }, () => 10 ** (r() * 600 - 300)));
  // near the top of the float64 range (more samples than the exact buffer holds)
  checkBound(Array.from({ length: 2_000 }, () => 1e307 * (1 + r() * 16)));
});

test("zero is exact, and tiny magnitudes count as zero", () => {
  const h = new Histogram();
  for (let i = 0; i < 10; i++) h.add(0);
  assert.equal(h.percentile(0.5), 0);
  h.add(1e-12);
  assert.equal(h.percentile(0.5), 0);
});

test("empty histograms report 0 and a single value is returned as is (k6 sink.go)", () => {
  const h = new Histogram();
  assert.equal(h.percentile(0.95), 0);
  assert.equal(h.avg, 0);
  h.add(123.456);
  assert.equal(h.percentile(0.5), 123.456);
  assert.equal(h.percentile(0.99), 123.456);
});

test("avg, min, max and count are exact", () => {
  const h = new Histogram();
  for (const v of [3, 1, 4, 1, 5, 9, 2, 6]) h.add(v);
  assert.equal(h.count, 8);
  assert.equal(h.avg, 31 / 8);
  assert.equal(h.min, 1);
  assert.equal(h.max, 9);
  assert.equal(h.percentile(0), 1);
  assert.equal(h.percentile(1), 9);
});

test("NaN is ignored; infinities update min/max and survive a JSON round trip", () => {
  const h = new Histogram();
  h.add(NaN);
  assert.equal(h.count, 0);
  h.add(Infinity);
  h.add(-Infinity);
  h.add(5);
  const back = Histogram.fromJSON(JSON.parse(JSON.stringify(h.toJSON())));
  assert.equal(back.max, Infinity);
  assert.equal(back.min, -Infinity);
  assert.equal(back.count, 3);
});

test("memory is bounded: a million samples over the timing range use a fixed number of buckets", () => {
  const r = rng(1);
  const h = new Histogram();
  for (let i = 0; i < 1_000_000; i++) h.add(10 ** (r() * 9 - 3)); // 1 µs … 1000 s
  const buckets = h.toJSON().pos.length;
  // ln(1e9)/ln(1.01005) ≈ 2072 buckets at most, whatever the sample count
  assert.ok(buckets <= 2075, `${buckets} buckets`);
  for (let i = 0; i < 100_000; i++) h.add(10 ** (r() * 9 - 3));
  assert.ok(h.toJSON().pos.length <= 2075);
});

test("merging two histograms bucket-wise equals one histogram fed every value", () => {
  const r = rng(9);
  const values = Array.from({ length: 4_000 }, () => (r() - 0.3) * 1000);
  const all = new Histogram();
  const a = new Histogram();
  const b = new Histogram();
  values.forEach((v, i) => {
    all.add(v);
    (i % 3 === 0 ? a : b).add(v);
  });
  const merged = Histogram.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  merged.merge(JSON.parse(JSON.stringify(b.toJSON())));
  for (const p of PS) assert.equal(merged.percentile(p), all.percentile(p));
  assert.equal(merged.count, all.count);
  assert.equal(merged.min, all.min);
  assert.equal(merged.max, all.max);
  assert.ok(Math.abs(merged.sum - all.sum) < 1e-6);
});

test("merging refuses a histogram with another error bound", () => {
  const h = new Histogram();
  assert.throws(() => h.merge({ ...h.toJSON(), alpha: 0.05, count: 1 }), /alpha/);
});

test("up to 1,024 samples percentiles are exactly k6's; merged small halves stay exact", () => {
  const r = rng(11);
  const values = Array.from({ length: EXACT_CAP }, () => (r() - 0.2) * 1000);
  const sorted = [...values].sort((a, b) => a - b);
  const a = new Histogram();
  const b = new Histogram();
  values.forEach((v, i) => (i % 2 ? a : b).add(v));
  const merged = Histogram.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  merged.merge(JSON.parse(JSON.stringify(b.toJSON())));
  for (const p of PS) assert.equal(merged.percentile(p), exactPercentile(sorted, p), `p=${p}`);
  merged.add(1); // one more than the cap: the histogram takes over, within its bound
  const again = [...sorted, 1].sort((x, y) => x - y);
  assert.equal(merged.toJSON().exact, undefined);
  for (const p of PS) {
    const exact = exactPercentile(again, p);
    assert.ok(Math.abs(merged.percentile(p) - exact) <= ALPHA * Math.abs(exact) + 1e-9, `p=${p}`);
  }
});
