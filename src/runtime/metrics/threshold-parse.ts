// Threshold syntax (k6 docs, using-k6/thresholds; k6 metrics/thresholds_parser.go):
//   "<aggregation> <operator> <number>", operators scanned in the order <= < >= > === == !=,
//   aggregations count|rate|value|avg|min|max|med|p(N) with 0 <= N <= 100, whitespace optional.
// Keys: "metric" or "metric{k:v,k2:v2}" (submetric; keys and values trimmed, quotes stripped,
// "{k}" means an empty value).
import type { Aggregation } from "./sinks.ts";

export type Operator = "<=" | "<" | ">=" | ">" | "===" | "==" | "!=";
const OPERATORS: readonly Operator[] = ["<=", "<", ">=", ">", "===", "==", "!="];
const SIMPLE = new Set(["count", "rate", "value", "avg", "min", "max", "med"]);
const NUMBER_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity)$/i;

export interface ThresholdExpression {
  /** the expression as written */
  source: string;
  aggregation: Aggregation;
  /** the aggregation as k6 prints it: "p(95)", "rate", … */
  aggregationKey: string;
  operator: Operator;
  value: number;
}

export interface MetricKey {
  /** the whole key, e.g. "http_req_duration{status:200}" */
  key: string;
  /** the parent metric */
  metric: string;
  /** submetric selector text between the braces (trimmed), when there is one */
  suffix?: string;
  /** submetric tag pairs, in the order written */
  tags?: Array<[string, string]>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseNumber(text: string): number | undefined {
  if (!NUMBER_RE.test(text)) return undefined;
  const lower = text.toLowerCase().replace(/^[+-]/, "");
  if (lower === "inf" || lower === "infinity") return text.startsWith("-") ? -Infinity : Infinity;
  return Number(text);
}

export function parseAggregation(text: string): Parsed<{ aggregation: Aggregation; key: string }> {
  if (SIMPLE.has(text)) {
    return { ok: true, value: { aggregation: { method: text as "count" }, key: text } };
  }
  if (text.startsWith("p(")) {
    if (!text.endsWith(")")) return { ok: false, error: `malformed percentile "${text}": missing ")"` };
    const inner = text.slice(2, -1).trim();
    const p = parseNumber(inner);
    if (p === undefined || !(p >= 0 && p <= 100)) {
      return { ok: false, error: `percentile "${text}" must be p(N) with N a number from 0 to 100` };
    }
    return { ok: true, value: { aggregation: { method: "p", p }, key: `p(${inner})` } };
  }
  return {
    ok: false,
    error: `unsupported aggregation "${text}" (expected count, rate, value, avg, min, max, med or p(N))`,
  };
}

export function parseThresholdExpression(source: string): Parsed<ThresholdExpression> {
  for (const operator of OPERATORS) {
    const at = source.indexOf(operator);
    if (at < 0) continue;
    const left = source.slice(0, at).trim();
    const right = source.slice(at + operator.length).trim();
    const agg = parseAggregation(left);
    if (!agg.ok) return agg;
    const value = parseNumber(right);
    if (value === undefined) return { ok: false, error: `"${right}" is not a number` };
    return {
      ok: true,
      value: { source, aggregation: agg.value.aggregation, aggregationKey: agg.value.key, operator, value },
    };
  }
  return { ok: false, error: "malformed expression: expected <aggregation> <operator> <number> with one of <= < >= > === == !=" };
}

function unquote(text: string): string {
  return text.trim().replace(/^["']+|["']+$/g, "");
}

export function parseMetricKey(key: string): Parsed<MetricKey> {
  const open = key.indexOf("{");
  if (open < 0) {
    if (key.includes("}")) return { ok: false, error: `"${key}" has a "}" without "{"` };
    return { ok: true, value: { key, metric: key.trim() } };
  }
  if (!key.endsWith("}")) return { ok: false, error: `"${key}" must end with "}" after the submetric tags` };
  const metric = key.slice(0, open).trim();
  if (metric === "") return { ok: false, error: `"${key}" has no metric name before "{"` };
  const suffix = key.slice(open + 1, -1).trim();
  if (suffix === "" ) return { ok: false, error: `"${key}": submetric tags between "{" and "}" cannot be empty` };
  if (suffix.includes("{") || suffix.includes("}")) return { ok: false, error: `"${key}" has unbalanced braces` };
  const tags: Array<[string, string]> = [];
  for (const part of suffix.split(",")) {
    if (part.trim() === "") continue;
    const colon = part.indexOf(":");
    const k = unquote(colon < 0 ? part : part.slice(0, colon));
    const v = colon < 0 ? "" : unquote(part.slice(colon + 1));
    if (k === "") return { ok: false, error: `"${key}": submetric tag "${part.trim()}" has no key` };
    tags.push([k, v]);
  }
  return { ok: true, value: { key, metric, suffix, tags } };
}
