// Threshold evaluation (k6 docs, using-k6/thresholds; k6 metrics/thresholds.go):
// during the run (every 2 s, by the caller) metrics without samples are skipped; at the end
// nothing is skipped, and an empty sink yields: Rate no value (passes), Counter count 0,
// Trend statistics 0. abortOnFail asks for an abort once the run is older than delayAbortEval.
import type { MetricsEngine } from "./engine.ts";
import type { CompiledThresholds, Threshold, ThresholdGroup } from "./threshold-config.ts";
import type { Operator } from "./threshold-parse.ts";

export interface ThresholdOutcome {
  /** canonical metric or submetric name */
  metric: string;
  source: string;
  ok: boolean;
  /** the aggregated value compared, when there was one */
  value: number | undefined;
  abortOnFail: boolean;
}

export interface EvaluationResult {
  /** metrics/submetrics with at least one failing threshold, sorted */
  failed: string[];
  /** true when an abortOnFail threshold failed after its delayAbortEval */
  abort: boolean;
  outcomes: ThresholdOutcome[];
}

const EXPECTED_RESPONSE = {
  name: "http_req_duration{expected_response:true}",
  parent: "http_req_duration",
  suffix: "expected_response:true",
  tags: [["expected_response", "true"]] as Array<[string, string]>,
};

function compare(lhs: number, op: Operator, rhs: number): boolean {
  switch (op) {
    case "<=": return lhs <= rhs;
    case "<": return lhs < rhs;
    case ">=": return lhs >= rhs;
    case ">": return lhs > rhs;
    case "===":
    case "==": return lhs === rhs;
    case "!=": return lhs !== rhs;
  }
}

/** Wires compiled thresholds into an engine and evaluates them; keeps the last outcome of each. */
export class ThresholdEvaluator {
  readonly compiled: CompiledThresholds;
  private readonly last = new Map<Threshold, ThresholdOutcome>();

  constructor(compiled: CompiledThresholds) {
    this.compiled = compiled;
  }

  /**
   * Registers submetric sinks and marks threshold metrics (and submetric parents) observed
   * (k6 internal/metrics/engine/engine.go InitSubMetricsAndThresholds). Like k6, it also adds
   * `http_req_duration{expected_response:true}` when the `expected_response` system tag is
   * enabled (it is by default); that one appears in summaries once it has samples.
   */
  static install(engine: MetricsEngine, compiled: CompiledThresholds, options: { systemTags?: readonly string[] } = {}): void {
    for (const g of compiled.groups) {
      engine.markObserved(g.target.metric);
      if (g.target.suffix !== undefined) {
        engine.addSubmetric({ name: g.name, parent: g.target.metric, suffix: g.target.suffix, tags: g.target.tags ?? [] });
        engine.markObserved(g.name);
      }
    }
    if (!options.systemTags || options.systemTags.includes("expected_response")) {
      engine.addSubmetric(EXPECTED_RESPONSE);
    }
  }

  /**
   * Evaluates every threshold against `engine`. `elapsedMs` is the test run duration so far
   * (Counter `rate` and delayAbortEval use it); `final` evaluates empty metrics too.
   */
  evaluate(engine: MetricsEngine, elapsedMs: number, final: boolean): EvaluationResult {
    const failed = new Set<string>();
    let abort = false;
    for (const g of this.compiled.groups) {
      const sink = engine.sink(g.name);
      const empty = !sink || sink.samples === 0;
      if (empty && !final) continue;
      for (const t of g.thresholds) {
        const value = sink ? sink.aggregate(t.expression.aggregation, elapsedMs) : emptyValue(g, t);
        // k6: a value the sink cannot provide (empty Rate, Counter rate at zero duration) passes
        const ok = value === undefined || compare(value, t.expression.operator, t.expression.value);
        this.last.set(t, { metric: g.name, source: t.expression.source, ok, value, abortOnFail: t.abortOnFail });
        if (!ok) {
          failed.add(g.name);
          // k6 metrics/thresholds.go: without delayAbortEval the abort is immediate
          if (t.abortOnFail && (t.delayAbortEvalMs === undefined || t.delayAbortEvalMs < elapsedMs)) abort = true;
        }
      }
    }
    return { failed: [...failed].sort(), abort, outcomes: this.outcomes() };
  }

  /** Last outcome of every threshold; never-evaluated thresholds count as ok (as in k6). */
  outcomes(): ThresholdOutcome[] {
    const out: ThresholdOutcome[] = [];
    for (const g of this.compiled.groups) {
      for (const t of g.thresholds) {
        out.push(this.last.get(t) ?? { metric: g.name, source: t.expression.source, ok: true, value: undefined, abortOnFail: t.abortOnFail });
      }
    }
    return out;
  }

  /** `{ "<metric>": { "<expr>": { ok } } }` as the summary's `thresholds` fields. */
  byMetric(): Map<string, Record<string, { ok: boolean }>> {
    const out = new Map<string, Record<string, { ok: boolean }>>();
    for (const o of this.outcomes()) {
      let m = out.get(o.metric);
      if (!m) out.set(o.metric, (m = {}));
      m[o.source] = { ok: o.ok };
    }
    return out;
  }
}

function emptyValue(g: ThresholdGroup, t: Threshold): number | undefined {
  if (g.info.type === "trend" || g.info.type === "gauge") return 0;
  if (g.info.type === "counter" && t.expression.aggregation.method === "count") return 0;
  return undefined;
}
