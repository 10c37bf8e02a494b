// The main thread's metrics: one engine holding the merged states of every VU host plus the
// scheduler's own samples (vus, vus_max, dropped_iterations), thresholds, summary and outputs.
import type { Sample } from "../contracts.ts";
import {
  buildSummaryData,
  compileThresholds,
  jsonDescriber,
  JsonOutput,
  MetricsEngine,
  parseTrendStats,
  type PrometheusOutput,
  renderTextSummary,
  summaryExportJson,
  ThresholdConfigError,
  ThresholdEvaluator,
  type EngineState,
  type SummaryData,
} from "../metrics/index.ts";
import { OptionsError } from "./errors.ts";
import type { MetricsPort, SummaryInput, ThresholdVerdict } from "./ports.ts";
import type { SummaryMode } from "./summary.ts";

export interface EngineMetricsInput {
  engine: MetricsEngine;
  options: Record<string, unknown>;
  summaryMode: SummaryMode;
  /** --out json=FILE paths ("-" for stdout) */
  jsonOutputs: string[];
  /** --out prometheus=HOST:PORT, already listening; closed with the metrics */
  prometheus?: PrometheusOutput;
  warn(message: string): void;
}

export class EngineMetrics implements MetricsPort {
  readonly engine: MetricsEngine;
  readonly evaluator: ThresholdEvaluator;
  readonly #outputs: JsonOutput[];
  readonly #prometheus: PrometheusOutput | undefined;
  readonly #options: Record<string, unknown>;
  readonly #mode: SummaryMode;
  #stdoutTTY = false;

  /** Throws OptionsError (exit 104) for invalid thresholds or summaryTrendStats. */
  constructor(input: EngineMetricsInput) {
    this.engine = input.engine;
    this.#options = input.options;
    this.#mode = input.summaryMode;
    const problems: string[] = [];
    let compiled;
    try {
      compiled = compileThresholds(input.options.thresholds, (n) => input.engine.info(n));
      for (const w of compiled.warnings) input.warn(w);
    } catch (e) {
      if (e instanceof ThresholdConfigError) problems.push(...e.problems.map((p) => `thresholds: ${p.message}`));
      else throw e;
    }
    const stats = input.options.summaryTrendStats;
    if (Array.isArray(stats)) {
      try {
        parseTrendStats(stats as string[]);
      } catch (e) {
        problems.push(`summaryTrendStats: ${(e as Error).message}`);
      }
    }
    if (problems.length > 0 || !compiled) throw new OptionsError(problems);
    ThresholdEvaluator.install(this.engine, compiled);
    this.evaluator = new ThresholdEvaluator(compiled);
    const describe = jsonDescriber(this.engine, compiled);
    this.#outputs = input.jsonOutputs.map((path) => new JsonOutput({ path, describe }));
    this.#prometheus = input.prometheus;
  }

  /** True when raw samples must travel to this thread (an output needs them). */
  get wantsSamples(): boolean {
    return this.#outputs.length > 0 || this.#prometheus !== undefined;
  }

  add(sample: Sample): void {
    this.engine.add(sample);
    for (const o of this.#outputs) o.add(sample);
    this.#prometheus?.add(sample);
  }

  /** Raw samples of other threads: outputs only (their aggregates arrive through merge). */
  forwarded(samples: readonly Sample[]): void {
    const p = this.#prometheus;
    for (const s of samples) {
      for (const o of this.#outputs) o.add(s);
      p?.add(s);
    }
  }

  merge(state: unknown): void {
    this.engine.merge(state as EngineState);
  }

  evaluateThresholds(final: boolean, elapsedMs: number): ThresholdVerdict {
    const r = this.evaluator.evaluate(this.engine, elapsedMs, final);
    return { failed: r.failed.length > 0, abort: r.abort, metrics: r.failed };
  }

  summaryData(input: SummaryInput): Record<string, unknown> {
    this.#stdoutTTY = input.isStdOutTTY;
    const o = this.#options;
    const data = buildSummaryData(this.engine, this.evaluator, {
      ...(Array.isArray(o.summaryTrendStats) ? { summaryTrendStats: o.summaryTrendStats as string[] } : {}),
      ...(typeof o.summaryTimeUnit === "string" ? { summaryTimeUnit: o.summaryTimeUnit } : {}),
      noColor: o.noColor === true,
      isStdOutTTY: input.isStdOutTTY,
      isStdErrTTY: input.isStdErrTTY,
      testRunDurationMs: input.testRunDurationMs,
      ...(input.setupData !== undefined ? { setupData: input.setupData } : {}),
    });
    return data as unknown as Record<string, unknown>;
  }

  textSummary(data: Record<string, unknown>): string {
    // k6 colours the summary unless noColor is set or stdout is not a terminal.
    const color = this.#options.noColor !== true && this.#stdoutTTY;
    return renderTextSummary(data as unknown as SummaryData, {
      mode: this.#mode === "full" ? "full" : "compact",
      color,
      outcomes: this.evaluator.outcomes(),
    });
  }

  summaryExport(data: Record<string, unknown>): string {
    return summaryExportJson(data as unknown as SummaryData);
  }

  async close(): Promise<void> {
    for (const o of this.#outputs) o.close();
    await this.#prometheus?.close();
  }
}
