// Snapshots cross thread boundaries as JSON, which has no Infinity or NaN; k6 Trends and
// Gauges accept any number, so non-finite values travel as strings.

export type JsonNumber = number | "Infinity" | "-Infinity" | "NaN";

export function encodeNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  return v !== v ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}

export function decodeNumber(v: JsonNumber): number {
  return typeof v === "number" ? v : Number(v);
}
