import { test } from "node:test";
import assert from "node:assert/strict";
import {
  constantArrivalCount,
  constantArrivalOffset,
  plannedVus,
  rampingArrivalOffsets,
  rampingVusSteps,
  scenarioDurationMs,
  vusAt,
} from "./schedule.ts";
import { consolidate } from "./options.ts";

const s = (durationMs: number, target: number) => ({ durationMs, target });

test("ramping-vus: the count changes by one at D·k/n within each stage", () => {
  // 0 → 5 over 10s: +1 at 2s, 4s, 6s, 8s, 10s; then 5 → 0 over 5s: −1 every second.
  const steps = rampingVusSteps(0, [s(10_000, 5), s(5_000, 0)]);
  assert.deepEqual(
    steps.map((x) => [x.atMs, x.vus]),
    [[0, 0], [2000, 1], [4000, 2], [6000, 3], [8000, 4], [10_000, 5], [11_000, 4], [12_000, 3], [13_000, 2], [14_000, 1], [15_000, 0]],
  );
  assert.equal(vusAt(steps, 0), 0);
  assert.equal(vusAt(steps, 1999), 0);
  assert.equal(vusAt(steps, 2000), 1);
  assert.equal(vusAt(steps, 10_500), 5);
  assert.equal(vusAt(steps, 14_999), 1);
});

test("ramping-vus: startVUs holds until the first step; a zero-duration stage jumps", () => {
  const steps = rampingVusSteps(2, [s(0, 10), s(3000, 10), s(2000, 8)]);
  assert.deepEqual(steps.map((x) => [x.atMs, x.vus]), [[0, 2], [0, 10], [4000, 9], [5000, 8]]);
  assert.equal(vusAt(steps, 0), 10);
  assert.equal(vusAt(steps, 3999), 10);
});

test("constant-arrival-rate: first start at t=0, then every timeUnit/rate", () => {
  assert.deepEqual([0, 1, 2, 3].map((n) => constantArrivalOffset(4, 1000, n)), [0, 250, 500, 750]);
  assert.deepEqual([0, 1, 2].map((n) => constantArrivalOffset(30, 60_000, n)), [0, 2000, 4000]);
  assert.equal(constantArrivalCount(4, 1000, 2000), 8);
  assert.equal(constantArrivalCount(3, 1000, 1000), 3);
  assert.equal(constantArrivalCount(1, 1000, 1500), 2);
});

test("ramping-arrival-rate: constant rate r starts the first iteration at 1/r", () => {
  const offsets = [...rampingArrivalOffsets(2, 1000, [s(3000, 2)])];
  assert.deepEqual(offsets, [500, 1000, 1500, 2000, 2500]);
});

test("ramping-arrival-rate: the n-th start is where the integral of the rate reaches n", () => {
  // Rate 0 → 10/s over 2s: integral = 2.5·t², so start n at sqrt(n/2.5) s; 10 iterations in total.
  const offsets = [...rampingArrivalOffsets(0, 1000, [s(2000, 10)])];
  const expected = Array.from({ length: 9 }, (_, i) => Math.round(Math.sqrt((i + 1) / 2.5) * 1e6) / 1e3);
  assert.deepEqual(offsets, expected); // the 10th would be at exactly 2s, the end of the scenario
  // Then a constant 10/s stage continues the count without a gap.
  const two = [...rampingArrivalOffsets(0, 1000, [s(2000, 10), s(1000, 10)])];
  assert.equal(two.length, 19);
  assert.deepEqual(two.slice(9, 12), [2000, 2100, 2200]);
});

test("ramping-arrival-rate: timeUnit scales the rate; zero rate starts nothing", () => {
  assert.deepEqual([...rampingArrivalOffsets(60, 60_000, [s(3000, 60)])], [1000, 2000]);
  assert.deepEqual([...rampingArrivalOffsets(0, 1000, [s(5000, 0)])], []);
});

test("planned VUs: the peak of overlapping scenarios, arrival-rate maxVUs counted as possible", () => {
  const { scenarios } = consolidate([
    {
      scenarios: {
        a: { executor: "constant-vus", vus: 3, duration: "10s", gracefulStop: "0s" },
        b: { executor: "constant-vus", vus: 4, duration: "5s", startTime: "10s" },
        c: { executor: "constant-arrival-rate", rate: 1, duration: "2s", preAllocatedVUs: 1, maxVUs: 5, startTime: "1s" },
      },
    },
  ]);
  // a [0,10s], b [10s,45s], c [1s,33s]: peak a+c = 4 planned (a+c possible 8), b+c = 5 planned (9 possible)
  assert.deepEqual(plannedVus(scenarios), { planned: 5, possible: 9 });
  assert.equal(scenarioDurationMs(scenarios[0]!), 10_000);
});
