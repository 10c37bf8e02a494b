// The metric catalogue: names, kinds, units and tags of everything the harness records.
export { METRICS, metricSpec } from "./catalog.ts";
export { METRIC_DESCRIPTIONS } from "./descriptions.ts";
export type { MetricKind, MetricName, MetricSpec } from "./catalog.ts";
