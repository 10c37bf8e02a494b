// Errors of the metrics engine, each with a machine-readable `kind`.

export type MetricErrorKind = "invalid-name" | "redeclared" | "unknown-metric" | "too-many-submetrics";

/** A metric declaration or lookup that k6 would refuse (k6 docs, javascript-api/k6-metrics). */
export class MetricError extends Error {
  override readonly name = "MetricError";
  readonly kind: MetricErrorKind;
  readonly metric: string;
  constructor(kind: MetricErrorKind, metric: string, message: string) {
    super(message);
    this.kind = kind;
    this.metric = metric;
  }
}

/** One problem in the `thresholds` option. */
export interface ThresholdProblem {
  /** the key in `thresholds`, e.g. "http_req_duration{status:200}" */
  key: string;
  /** the expression, when the problem is in one expression */
  expression?: string;
  message: string;
}

/**
 * The `thresholds` option is invalid; lists every problem at once. The execution layer maps it
 * to exit code 104 (InvalidConfig), as k6 does before the test starts.
 */
export class ThresholdConfigError extends Error {
  override readonly name = "ThresholdConfigError";
  readonly kind = "invalid-thresholds";
  readonly problems: readonly ThresholdProblem[];
  constructor(problems: readonly ThresholdProblem[]) {
    super(`invalid thresholds:\n${problems.map((p) => `  - ${p.message}`).join("\n")}`);
    this.problems = problems;
  }
}

/** summaryTrendStats names a statistic k6 does not know. */
export class SummaryOptionError extends Error {
  override readonly name = "SummaryOptionError";
  readonly kind = "invalid-summary-trend-stats";
  readonly stat: string;
  constructor(stat: string, message: string) {
    super(message);
    this.stat = stat;
  }
}
