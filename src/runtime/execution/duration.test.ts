import { test } from "node:test";
import assert from "node:assert/strict";
import { DurationError, formatDuration, parseDuration } from "./duration.ts";

test("k6 duration strings parse to milliseconds", () => {
  assert.equal(parseDuration("1m30s"), 90_000);
  assert.equal(parseDuration("500ms"), 500);
  assert.equal(parseDuration("1.5s"), 1500);
  assert.equal(parseDuration("2h"), 7_200_000);
  assert.equal(parseDuration("1d"), 86_400_000);
  assert.equal(parseDuration("250us"), 0.25);
  assert.equal(parseDuration("0"), 0);
  assert.equal(parseDuration("-1s"), -1000);
});

test("a number is milliseconds", () => {
  assert.equal(parseDuration(1500), 1500);
});

test("invalid durations name the value and the reason", () => {
  assert.throws(() => parseDuration("30"), (e: unknown) => e instanceof DurationError && /"30": missing unit/.test(e.message));
  assert.throws(() => parseDuration("3 minutes"), /unknown unit/);
  assert.throws(() => parseDuration(""), /empty/);
  assert.throws(() => parseDuration({}), /expected a string/);
  assert.throws(() => parseDuration(Number.NaN), DurationError);
});

test("durations format like k6 prints them", () => {
  assert.equal(formatDuration(90_000), "1m30s");
  assert.equal(formatDuration(500), "500ms");
  assert.equal(formatDuration(0), "0s");
  assert.equal(formatDuration(3_723_500), "1h2m3.5s");
});
