// Public API of the runtime's metrics engine: registry, sinks, submetrics, thresholds, summary
// data, --summary-export, the default text summary, the --out json writer and k6's exit codes.
//
// Typical use:
//   per thread:  const engine = new MetricsEngine();  engine.declare(...)  (custom metrics, init)
//                ThresholdEvaluator.install(engine, compileThresholds(options.thresholds, (n) => engine.info(n)));
//                engine.add(sample) …;  ship engine.snapshot({ reset: true }) to the main thread
//   main thread: main.merge(state);  evaluator.evaluate(main, elapsedMs, final) every 2 s and at the end
//                buildSummaryData(main, evaluator, {...}) → handleSummary(data) / renderTextSummary /
//                summaryExportJson;  JsonOutput for --out json (declarations must be merged first);
//                PrometheusOutput for --out prometheus=HOST:PORT (k6's remote-write series names).
export { MetricsEngine } from "./engine.ts";
export type { EngineState, SubmetricDef } from "./engine.ts";
export { BUILTIN_METRICS, BUILTIN_NAMES, MetricRegistry } from "./registry.ts";
export type { MetricInfo } from "./registry.ts";
export { MetricError, SummaryOptionError, ThresholdConfigError } from "./errors.ts";
export type { MetricErrorKind, ThresholdProblem } from "./errors.ts";
export { ALPHA as TREND_RELATIVE_ERROR, Histogram } from "./histogram.ts";
export type { HistogramState } from "./histogram.ts";
export { CounterSink, GaugeSink, RateSink, TrendSink, newSink } from "./sinks.ts";
export type { Aggregation, Sink, SinkState } from "./sinks.ts";
export { parseMetricKey, parseThresholdExpression } from "./threshold-parse.ts";
export type { MetricKey, Operator, ThresholdExpression } from "./threshold-parse.ts";
export { compileThresholds } from "./threshold-config.ts";
export type { CompiledThresholds, Threshold, ThresholdGroup } from "./threshold-config.ts";
export { ThresholdEvaluator } from "./thresholds.ts";
export type { EvaluationResult, ThresholdOutcome } from "./thresholds.ts";
export { DEFAULT_TREND_STATS, buildSummaryData, parseTrendStats } from "./summary-data.ts";
export type { SummaryData, SummaryMetric, SummaryOptions } from "./summary-data.ts";
export type { CheckSummary, GroupSummary } from "./groups.ts";
export { summaryExportJson, summaryExportObject } from "./summary-export.ts";
export type { ExportData, ExportGroup } from "./summary-export.ts";
export { renderTextSummary } from "./text-summary.ts";
export type { TextSummaryOptions } from "./text-summary.ts";
export { humanizeBytes, humanizeDuration } from "./format.ts";
export { JsonOutput } from "./json-output.ts";
export type { JsonMetricDescription, JsonOutputOptions } from "./json-output.ts";
export { jsonDescriber } from "./json-describe.ts";
export { DEFAULT_MAX_SERIES, PrometheusOutput } from "./prometheus.ts";
export { DEFAULT_PROMETHEUS_ADDRESS, parseListenAddress, readOutputs } from "./outputs.ts";
export type { Outputs } from "./outputs.ts";
export type { PrometheusOutputOptions } from "./prometheus.ts";
export { DEFAULT_TREND_STATS as PROMETHEUS_DEFAULT_TREND_STATS, parseTrendStats as parsePrometheusTrendStats, TrendStatsError } from "./prometheus-names.ts";
export type { TrendStat } from "./prometheus-names.ts";
export { formatRfc3339Nano } from "./rfc3339.ts";
export { EXIT_CODE_MEANINGS, ExitCode } from "./exit-codes.ts";
export type { ExitCodeName, ExitCodeValue } from "./exit-codes.ts";
export { parseDurationMs } from "./duration.ts";
