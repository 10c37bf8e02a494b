// Every metric the harness records, declared once: name, k6 type, unit, tags (their meaning is in
// descriptions.ts). The k6 glue creates k6/metrics instances from this list.
export type MetricKind = "counter" | "gauge" | "rate" | "trend";

export interface MetricSpec {
  name: string;
  kind: MetricKind;
  /** trends in milliseconds are declared with isTime so k6 formats them as durations */
  unit: "ms" | "count" | "ratio";
  /** tag keys this metric's samples may carry (besides k6's own: scenario, group, …) */
  tags: readonly string[];
}

const phase = (name: string): MetricSpec => ({
  name,
  kind: "trend",
  unit: "ms",
  tags: ["target", "step"],
});

export const METRICS = [
  phase("xmpp_upgrade"),
  phase("xmpp_open_features"),
  phase("xmpp_sasl"),
  phase("xmpp_restart"),
  phase("xmpp_bind"),
  phase("xmpp_session"),
  phase("xmpp_presence"),
  phase("xmpp_time_to_ready"),
  phase("xmpp_subscribe"),
  phase("xmpp_publish"),
  phase("xmpp_ping_rtt"),
  {
    name: "finesse_rest_duration",
    kind: "trend",
    unit: "ms",
    tags: ["op", "status", "target", "step"],
  },
  {
    name: "finesse_event_latency",
    kind: "trend",
    unit: "ms",
    tags: ["role", "node", "target", "step"],
  },
  {
    name: "finesse_recovery_time",
    kind: "trend",
    unit: "ms",
    tags: ["target", "cause", "step"],
  },
  {
    name: "failover_detection_time",
    kind: "trend",
    unit: "ms",
    tags: ["cause"],
  },
  { name: "failover_recovery_success", kind: "rate", unit: "ratio", tags: ["cause", "target"] },
  { name: "xmpp_sessions_opened", kind: "counter", unit: "count", tags: ["target", "step"] },
  { name: "xmpp_sessions_closed", kind: "counter", unit: "count", tags: ["target", "step", "cause"] },
  { name: "xmpp_sessions_failed", kind: "counter", unit: "count", tags: ["target", "step", "kind", "condition"] },
  { name: "xmpp_reconnects", kind: "counter", unit: "count", tags: ["target", "cause", "step"] },
  { name: "xmpp_ping_misses", kind: "counter", unit: "count", tags: ["target", "step"] },
  { name: "finesse_events_expected", kind: "counter", unit: "count", tags: ["role", "node", "step"] },
  { name: "finesse_events_received", kind: "counter", unit: "count", tags: ["role", "node", "step"] },
  { name: "finesse_events_lost", kind: "counter", unit: "count", tags: ["role", "node", "step"] },
  { name: "finesse_forced_logouts", kind: "counter", unit: "count", tags: ["target", "step"] },
  { name: "harness_errors", kind: "counter", unit: "count", tags: ["kind", "condition", "target", "step"] },
  { name: "finesse_login_success", kind: "rate", unit: "ratio", tags: ["target", "step"] },
  { name: "finesse_event_delivery", kind: "rate", unit: "ratio", tags: ["role", "node", "step"] },
] as const satisfies readonly MetricSpec[];

export type MetricName = (typeof METRICS)[number]["name"];

export function metricSpec(name: MetricName): MetricSpec {
  const spec = METRICS.find((m) => m.name === name);
  if (!spec) throw new Error(`unknown metric ${name}`);
  return spec;
}
