import { test } from "node:test";
import assert from "node:assert/strict";
import { LogHistogram } from "./log-histogram.ts";
import { percentile } from "./points.ts";

test("percentiles from the log histogram are within 2 % of the exact percentiles", () => {
  const h = new LogHistogram();
  const samples: number[] = [];
  let x = 7;
  for (let i = 0; i < 5000; i++) {
    x = (x * 48271) % 2147483647; // Park–Miller sequence: a fixed spread of values
    const v = 1 + (x % 100000) / 37;
    samples.push(v);
    h.add(v);
  }
  for (const p of [50, 90, 95, 99]) {
    const exact = percentile(samples, p)!;
    const approx = h.percentile(p)!;
    assert.ok(Math.abs(approx - exact) / exact < 0.02, `p${p}: ${approx} vs ${exact}`);
  }
  assert.equal(h.count, 5000);
  assert.equal(h.max, Math.max(...samples));
});

test("percentiles stay within the observed range; an empty histogram has none; merge adds counts", () => {
  const a = new LogHistogram();
  a.add(10);
  assert.equal(a.percentile(0), 10);
  assert.equal(a.percentile(100), 10);
  assert.equal(new LogHistogram().percentile(50), undefined);
  const b = new LogHistogram();
  b.add(0, 3);
  b.add(Number.NaN);
  a.merge(b);
  assert.equal(a.count, 4);
  assert.equal(a.min, 0);
  assert.equal(a.percentile(50), 0);
  assert.deepEqual(a.entries().map(([, n]) => n), [3, 1]);
});
