// k6/metrics instances for the whole catalogue (src/metrics), created in the init context as k6 requires
// (k6 docs, javascript-api/k6-metrics), and a Recorder that keeps only the tags each metric declares (bounded
// series).
import { Counter, Gauge, Rate, Trend } from "k6/metrics";
import type { Recorder } from "../agent/index.ts";
import { METRICS, type MetricName } from "../metrics/index.ts";

interface Adder {
  add(value: number, tags?: Record<string, string>): void;
}

/** Call in the init context (module scope of the scenario). */
export function createRecorder(): Recorder {
  const metrics = new Map<string, { metric: Adder; tags: readonly string[] }>();
  for (const spec of METRICS) {
    const metric: Adder =
      spec.kind === "trend" ? new Trend(spec.name, spec.unit === "ms")
      : spec.kind === "counter" ? new Counter(spec.name)
      : spec.kind === "rate" ? new Rate(spec.name)
      : new Gauge(spec.name);
    metrics.set(spec.name, { metric, tags: spec.tags });
  }
  return (name: MetricName, value: number, tags) => {
    const m = metrics.get(name);
    if (!m) return;
    const kept: Record<string, string> = {};
    for (const k of m.tags) {
      const v = tags[k];
      if (v !== undefined) kept[k] = v;
    }
    m.metric.add(value, kept);
  };
}
