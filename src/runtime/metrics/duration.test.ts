import { test } from "node:test";
import assert from "node:assert/strict";
import { formatGoDuration, parseDurationMs } from "./duration.ts";

test("Go-style durations and millisecond numbers", () => {
  const cases: Array<[unknown, number | undefined]> = [
    ["10s", 10_000], ["1m30s", 90_000], ["1.5h", 5_400_000], ["250ms", 250], ["2d", 172_800_000], ["0", 0],
    ["100us", 0.1], [1500, 1500], ["", undefined], ["10", undefined], ["soon", undefined], ["5s junk", undefined],
    [-1, undefined], [true, undefined],
  ];
  for (const [input, ms] of cases) assert.equal(parseDurationMs(input), ms, String(input));
});

test("Go's Duration.String() form, as k6 writes delayAbortEval back", () => {
  const cases: Array<[number, string]> = [
    [0, "0s"], [250, "250ms"], [1500, "1.5s"], [10_000, "10s"], [90_000, "1m30s"], [3_600_000, "1h0m0s"], [0.1, "100µs"], [1e-4, "100ns"],
  ];
  for (const [ms, text] of cases) assert.equal(formatGoDuration(ms), text);
});
