import { test } from "node:test";
import assert from "node:assert/strict";
import { bucketsFor, bucketSums, cdf, gaugeSeries, histogramBins, levelSeries, percentileSeries, rateSeries } from "./chart-data.ts";
import { LogHistogram } from "./log-histogram.ts";

test("bucket width grows in readable steps so an hour-long run stays within the bucket budget", () => {
  assert.deepEqual(bucketsFor(10_500, 15_200), { startSec: 10, width: 1, count: 6 });
  const hour = bucketsFor(0, 3_600_000);
  assert.equal(hour.width, 30);
  assert.ok(hour.count <= 240 && hour.count * hour.width >= 3601);
  const day = bucketsFor(0, 86_400_000, 100);
  assert.equal(day.width, 900);
  assert.ok(day.count <= 100);
});

test("per-second sums regroup into buckets; rates divide by the width; seconds outside are ignored", () => {
  const b = { startSec: 100, width: 5, count: 3 };
  const perSec = new Map([[100, 2], [104, 3], [105, 10], [114, 1], [99, 50], [115, 50]]);
  assert.deepEqual(bucketSums(perSec, b), [5, 10, 1]);
  assert.deepEqual(rateSeries(perSec, b), [{ x: 0, y: 1 }, { x: 5, y: 2 }, { x: 10, y: 0.2 }]);
});

test("sessions open: opened minus closed, summed to the end of each bucket from zero", () => {
  const b = { startSec: 0, width: 1, count: 4 };
  const opened = new Map([[0, 3], [1, 2]]);
  const closed = new Map([[2, 1], [3, 4]]);
  assert.deepEqual(levelSeries(opened, closed, b).map((p) => p.y), [0, 3, 5, 4, 0]);
  assert.deepEqual(levelSeries(opened, closed, b).map((p) => p.x), [0, 1, 2, 3, 4]);
});

test("a gauge keeps its last value per bucket and carries it through empty buckets", () => {
  const b = { startSec: 0, width: 2, count: 4 };
  assert.deepEqual(gaugeSeries(new Map([[1, 5], [0, 4], [4, 2]]), b), [{ x: 0, y: 5 }, { x: 2, y: 5 }, { x: 4, y: 2 }, { x: 6, y: 2 }]);
});

test("percentiles per bucket merge the seconds of the bucket; buckets without samples are left out", () => {
  const h = (...v: number[]): LogHistogram => {
    const x = new LogHistogram();
    for (const s of v) x.add(s);
    return x;
  };
  const b = { startSec: 0, width: 2, count: 3 };
  const perSec = new Map([[0, h(10)], [1, h(10, 10, 100)], [4, h(50)]]);
  const p50 = percentileSeries(perSec, b, 50);
  assert.deepEqual(p50.map((p) => p.x), [0, 4]);
  assert.ok(Math.abs(p50[0]!.y - 10) < 0.2);
  assert.ok(Math.abs(percentileSeries(perSec, b, 99)[0]!.y - 100) < 2);
});

test("the CDF climbs from 0 % at the smallest sample to 100 % at the largest", () => {
  const h = new LogHistogram();
  for (const v of [10, 20, 20, 40]) h.add(v);
  const c = cdf(h);
  assert.equal(c[0]!.y, 0);
  assert.deepEqual(c.slice(1).map((p) => p.y), [25, 75, 100]);
  assert.ok(c.every((p, i) => i === 0 || p.y >= c[i - 1]!.y));
  assert.deepEqual(cdf(new LogHistogram()), []);
});

test("histogram bins split [min, max] evenly and count every sample once", () => {
  const h = new LogHistogram();
  for (const v of [0, 1, 3, 9, 10]) h.add(v); // away from bin edges: values are read back at 2 % resolution
  const bins = histogramBins(h, 5);
  assert.equal(bins.length, 5);
  assert.deepEqual(bins.map((x) => x.count), [2, 1, 0, 0, 2]);
  assert.equal(bins[4]!.hi, 10);
  assert.deepEqual(histogramBins(new LogHistogram(), 5), []);
});
