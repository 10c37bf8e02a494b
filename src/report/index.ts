// Reports from a run's results: the summary read and validated, report.html, report.md and junit.xml, and the
// comparison of a baseline with a candidate.
export { ReportInputError } from "./errors.ts";
export type { ReportInputKind } from "./errors.ts";
export { parseSummary } from "./summary.ts";
export type { CheckResult, MetricType, RunSummary, SummaryMetric, ThresholdResult, ValueKind } from "./summary.ts";
export { digestNdjson, percentile, PointCollector } from "./points.ts";
export type { ErrorCount, PointDigest } from "./points.ts";
export { headline } from "./headline.ts";
export type { Headline, ThresholdRow } from "./headline.ts";
export { reportMarkdown } from "./report-md.ts";
export { reportHtml } from "./report-html.ts";
export { parseRunInfo } from "./run-info.ts";
export type { GeneratorInfo, GeneratorSampleInfo, GeneratorWarningInfo, RunInfo } from "./run-info.ts";
export { kneeOf } from "./knee.ts";
export type { Knee, StepVerdict } from "./knee.ts";
export type { Timeline, StepFigures } from "./timeline.ts";
export { reportJunit } from "./report-junit.ts";
export { junitXml, xmlEscape } from "./junit.ts";
export type { JunitCase, JunitSuite } from "./junit.ts";
export { compareSummaries, verdictOf } from "./compare.ts";
export type { CompareRow, Comparison, ThresholdChange, Verdict } from "./compare.ts";
export { comparisonJunit, comparisonText } from "./compare-output.ts";
export { worseDirection } from "./direction.ts";
export type { Worse } from "./direction.ts";
export { DEFAULT_MIN_DELTA_MS, DEFAULT_TOLERANCE, fmtTolerance, parseMinDelta, parseTolerance, parseTolerances, toleranceFor } from "./tolerance.ts";
export type { Tolerance, Tolerances } from "./tolerance.ts";
export { readMetricsFile, readRunInfoFile, readSummaryFile, resolveRunInput, writeFilesAtomic } from "./files.ts";
export type { RunInput } from "./files.ts";
