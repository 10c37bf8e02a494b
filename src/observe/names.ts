// Catalogue metrics under the names k6's experimental-prometheus-rw output gives them (k6 docs,
// results-output/real-time/prometheus-remote-write, "Metrics mapping"): `k6_` prefix, counters
// `_total`, rates `_rate`, trends one gauge per K6_PROMETHEUS_RW_TREND_STATS stat (default
// `p(99)` → `_p99`, in seconds for time trends). The embedded runtime's `--out prometheus` uses the same.
import type { MetricSpec } from "../metrics/index.ts";

/** The trend stat the dashboard reads: k6's default K6_PROMETHEUS_RW_TREND_STATS. */
export const TREND_STAT = "p99";

export function promName(spec: Pick<MetricSpec, "name" | "kind">): string {
  switch (spec.kind) {
    case "counter": return `k6_${spec.name}_total`;
    case "rate": return `k6_${spec.name}_rate`;
    case "gauge": return `k6_${spec.name}`;
    case "trend": return `k6_${spec.name}_${TREND_STAT}`;
  }
}

/**
 * The runs a query reads: the `testid` tag (k6's own Prometheus dashboard convention; set it with
 * `--tag testid=NAME` on either engine). Series without the tag match the "All" value `.*`.
 */
export const TESTID_VARIABLE = "testid";
export const RUN_SELECTOR = `{${TESTID_VARIABLE}=~"$${TESTID_VARIABLE}"}`;
