// The handleSummary(data) argument in k6's shape (k6 docs, results-output/end-of-test/custom-summary):
// root_group, options {summaryTrendStats, summaryTimeUnit, noColor}, state {isStdOutTTY,
// isStdErrTTY, testRunDurationMs}, metrics {type, contains, values, thresholds?}, setup_data.
// Only observed metrics appear, plus the submetrics thresholds define.
import type { MetricType, ValueType } from "../contracts.ts";
import type { MetricsEngine } from "./engine.ts";
import { SummaryOptionError } from "./errors.ts";
import type { GroupSummary } from "./groups.ts";
import { decodeNumber } from "./json-number.ts";
import type { Aggregation, Sink } from "./sinks.ts";
import type { ThresholdEvaluator } from "./thresholds.ts";
import { parseAggregation } from "./threshold-parse.ts";

/** k6 option summaryTrendStats default (k6 docs, using-k6/k6-options/reference#summary-trend-stats). */
export const DEFAULT_TREND_STATS: readonly string[] = ["avg", "min", "med", "max", "p(90)", "p(95)"];
const TREND_STATS = new Set(["avg", "min", "med", "max", "count"]);

export interface SummaryMetric {
  type: MetricType;
  contains: ValueType;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface SummaryData {
  root_group: GroupSummary;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, SummaryMetric>;
  setup_data?: unknown;
}

export interface SummaryOptions {
  summaryTrendStats?: readonly string[];
  /** "", "s", "ms" or "us" */
  summaryTimeUnit?: string;
  noColor?: boolean;
  isStdOutTTY?: boolean;
  isStdErrTTY?: boolean;
  testRunDurationMs: number;
  /** the parsed setup() result; omitted when setup() returned nothing */
  setupData?: unknown;
}

/** Validates summaryTrendStats entries: avg, min, med, max, count or p(N) with 0 <= N <= 100. */
export function parseTrendStats(stats: readonly string[]): Array<{ stat: string; aggregation: Aggregation }> {
  return stats.map((stat) => {
    if (TREND_STATS.has(stat)) return { stat, aggregation: { method: stat as "avg" } };
    if (stat.startsWith("p(")) {
      const parsed = parseAggregation(stat);
      if (parsed.ok) return { stat, aggregation: parsed.value.aggregation };
      throw new SummaryOptionError(stat, parsed.error);
    }
    throw new SummaryOptionError(stat,
      `"${stat}" is not a valid summaryTrendStats entry (valid: avg, min, med, max, count, p(N))`);
  });
}

/** The `values` of one sink as k6 reports them. */
export function sinkValues(sink: Sink, durationMs: number, trendStats: ReturnType<typeof parseTrendStats>): Record<string, number> {
  const rate = (count: number): number => (durationMs > 0 ? count / (durationMs / 1000) : 0);
  const s = sink.toJSON();
  switch (s.type) {
    case "counter": {
      const count = sink.aggregate({ method: "count" }, durationMs) ?? 0;
      return { count, rate: rate(count) };
    }
    case "gauge":
      return { value: decodeNumber(s.value), min: decodeNumber(s.min), max: decodeNumber(s.max) };
    case "rate":
      return { rate: s.total === 0 ? 0 : s.trues / s.total, passes: s.trues, fails: s.total - s.trues };
    case "trend": {
      const out: Record<string, number> = {};
      for (const { stat, aggregation } of trendStats) out[stat] = sink.aggregate(aggregation, durationMs) ?? 0;
      return out;
    }
  }
}

export function buildSummaryData(engine: MetricsEngine, thresholds: ThresholdEvaluator | undefined,
  options: SummaryOptions): SummaryData {
  const statsList = [...(options.summaryTrendStats ?? DEFAULT_TREND_STATS)];
  const trendStats = parseTrendStats(statsList);
  const byMetric = thresholds?.byMetric() ?? new Map<string, Record<string, { ok: boolean }>>();
  const metrics: Record<string, SummaryMetric> = {};
  const put = (name: string, type: MetricType, contains: ValueType, sink: Sink | undefined): void => {
    if (!sink) return;
    const m: SummaryMetric = { type, contains, values: sinkValues(sink, options.testRunDurationMs, trendStats) };
    const t = byMetric.get(name);
    if (t) m.thresholds = t;
    metrics[name] = m;
  };
  for (const info of engine.observedMetrics()) {
    put(info.name, info.type, info.contains, engine.sink(info.name));
    for (const sub of engine.submetrics(info.name, true)) put(sub.name, info.type, info.contains, engine.sink(sub.name));
  }
  const data: SummaryData = {
    root_group: engine.groups.summary(),
    options: { summaryTrendStats: statsList, summaryTimeUnit: options.summaryTimeUnit ?? "", noColor: options.noColor ?? false },
    state: {
      isStdOutTTY: options.isStdOutTTY ?? false,
      isStdErrTTY: options.isStdErrTTY ?? false,
      testRunDurationMs: options.testRunDurationMs,
    },
    metrics,
  };
  if (options.setupData !== undefined) data.setup_data = options.setupData;
  return data;
}
