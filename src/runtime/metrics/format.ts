// Value formatting of k6's end-of-test text summary (k6 docs, results-output/end-of-test):
// durations humanised (µs, ms, s, "1m30s"; or a fixed summaryTimeUnit), data in SI bytes
// ("1.2 MB", "174 kB/s"), rates as truncated percentages, other numbers with up to 6 decimals.
import type { ValueType } from "../contracts.ts";

const TIME_UNITS: Record<string, { unit: string; coef: number }> = {
  s: { unit: "s", coef: 0.001 },
  ms: { unit: "ms", coef: 1 },
  us: { unit: "µs", coef: 1000 },
};

function fixedNoTrailingZeros(v: number, digits: number): string {
  return String(parseFloat(v.toFixed(digits)));
}

function truncated(v: number, digits: number): string {
  const mult = 10 ** digits;
  // toPrecision(12) first, so 1.14 * 100 = 113.99999999999999 truncates to 114
  return fixedNoTrailingZeros(Math.trunc(Number((v * mult).toPrecision(12))) / mult, digits);
}

/** ms → "0s", "850ns", "12.5µs", "148.21ms", "1.14s", "1m30s", "2h5m0s". */
export function humanizeDuration(ms: number, timeUnit = ""): string {
  const fixed = TIME_UNITS[timeUnit];
  if (fixed) return (ms * fixed.coef).toFixed(2) + fixed.unit;
  if (!Number.isFinite(ms)) return `${ms}ms`;
  if (ms < 0) return "-" + humanizeDuration(-ms);
  if (ms === 0) return "0s";
  if (ms < 0.001) return Math.trunc(ms * 1e6) + "ns";
  if (ms < 1) return truncated(ms * 1000, 2) + "µs";
  if (ms < 1000) return truncated(ms, 2) + "ms";
  let out = truncated((ms % 60_000) / 1000, ms > 60_000 ? 0 : 2) + "s";
  let rest = Math.trunc(ms / 60_000);
  if (rest < 1) return out;
  out = (rest % 60) + "m" + out;
  rest = Math.trunc(rest / 60);
  return rest < 1 ? out : rest + "h" + out;
}

const BYTE_UNITS = [" B", " kB", " MB", " GB", " TB", " PB", " EB"];

/** Bytes in SI units: "512 B", "3.8 kB", "174 kB", "1.2 MB". */
export function humanizeBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || Math.abs(bytes) < 10) return `${Math.round(bytes * 100) / 100} B`;
  const e = Math.min(BYTE_UNITS.length - 1, Math.floor(Math.log(Math.abs(bytes)) / Math.log(1000)));
  const v = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10;
  return v.toFixed(Math.abs(v) < 10 ? 1 : 0) + BYTE_UNITS[e]!;
}

/** A 0..1 rate as k6 shows it: truncated to two decimals, "99.99%". */
export function humanizeRate(rate: number): string {
  return (Math.trunc(Number((rate * 10_000).toPrecision(12))) / 100).toFixed(2) + "%";
}

/** A value of a metric with the given value type. */
export function humanizeValue(v: number, contains: ValueType, timeUnit = ""): string {
  if (contains === "time") return humanizeDuration(v, timeUnit);
  if (contains === "data") return humanizeBytes(v);
  return fixedNoTrailingZeros(v, 6);
}

/** Per-second rate of a counter: "6.561089/s", "174 kB/s". */
export function humanizePerSecond(v: number, contains: ValueType): string {
  return (contains === "data" ? humanizeBytes(v) : fixedNoTrailingZeros(v, 6)) + "/s";
}
