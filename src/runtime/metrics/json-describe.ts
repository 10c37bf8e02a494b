// The "Metric" line contents of `--out json` for the metrics an engine knows.
import { formatGoDuration } from "./duration.ts";
import type { MetricsEngine } from "./engine.ts";
import { MetricError } from "./errors.ts";
import type { JsonMetricDescription } from "./json-output.ts";
import type { CompiledThresholds } from "./threshold-config.ts";

/** A `describe` callback for JsonOutput: type and contains from the registry, thresholds and submetrics from the options. */
export function jsonDescriber(engine: MetricsEngine, thresholds?: CompiledThresholds): (metric: string) => JsonMetricDescription {
  return (metric) => {
    const info = engine.info(metric);
    if (!info) throw new MetricError("unknown-metric", metric, `metric "${metric}" was never declared`);
    const groups = thresholds?.groups ?? [];
    return {
      type: info.type,
      contains: info.contains,
      // k6 metrics/thresholds.go MarshalJSON: a plain string unless abortOnFail is set
      thresholds: groups.filter((g) => g.name === metric).flatMap((g) => g.thresholds.map((t) => (t.abortOnFail
        ? { threshold: t.expression.source, abortOnFail: true,
          delayAbortEval: t.delayAbortEvalMs === undefined ? null : formatGoDuration(t.delayAbortEvalMs) }
        : t.expression.source))),
      submetrics: engine.submetrics(metric).map((s) => ({ name: s.name, suffix: s.suffix, tags: Object.fromEntries(s.tags) })),
    };
  };
}
