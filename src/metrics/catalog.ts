// Every metric the harness records, declared once: name, k6 type, unit, tags, meaning.
// The k6 glue creates k6/metrics instances from this list; README's metric table lists it.
export type MetricKind = "counter" | "gauge" | "rate" | "trend";

export interface MetricSpec {
  name: string;
  kind: MetricKind;
  /** trends in milliseconds are declared with isTime so k6 formats them as durations */
  unit: "ms" | "count" | "ratio";
  /** tag keys this metric's samples may carry (besides k6's own: scenario, group, …) */
  tags: readonly string[];
  description: string;
}

const phase = (name: string, what: string): MetricSpec => ({
  name,
  kind: "trend",
  unit: "ms",
  tags: ["target", "step"],
  description: what,
});

export const METRICS = [
  phase("xmpp_upgrade", "WebSocket upgrade: connect start to open (TCP, TLS, HTTP 101)"),
  phase("xmpp_open_features", "stream <open/> sent to <stream:features> received"),
  phase("xmpp_sasl", "SASL PLAIN <auth/> sent to <success/>"),
  phase("xmpp_restart", "stream restart <open/> to the post-auth features"),
  phase("xmpp_bind", "resource bind iq round trip"),
  phase("xmpp_session", "session iq round trip"),
  phase("xmpp_presence", "initial presence sent to readiness (presence from finesse@<domain>)"),
  phase("xmpp_time_to_ready", "connect start to ready: the desktop's \"connected\" moment"),
  phase("xmpp_subscribe", "pubsub subscribe iq round trip (supervisors, Team nodes)"),
  phase("xmpp_ping_rtt", "XMPP ping (XEP-0199) round trip"),
  {
    name: "finesse_rest_duration",
    kind: "trend",
    unit: "ms",
    tags: ["op", "status", "target", "step"],
    description: "Finesse REST request duration; op = system_info | get_user | login | ready | not_ready | logout | get_team",
  },
  {
    name: "finesse_event_latency",
    kind: "trend",
    unit: "ms",
    tags: ["role", "node", "target", "step"],
    description: "state-change trigger (REST request sent) to the matching event at a subscriber; role = self | supervisor, node = user | team",
  },
  {
    name: "finesse_recovery_time",
    kind: "trend",
    unit: "ms",
    tags: ["target", "cause"],
    description: "session lost to ready again after reconnecting",
  },
  { name: "xmpp_sessions_opened", kind: "counter", unit: "count", tags: ["target", "step"], description: "sessions that reached ready" },
  { name: "xmpp_sessions_closed", kind: "counter", unit: "count", tags: ["target", "step", "cause"], description: "sessions that ended after ready, cleanly or not" },
  { name: "xmpp_sessions_failed", kind: "counter", unit: "count", tags: ["target", "step", "kind", "condition"], description: "login attempts that never reached ready" },
  { name: "xmpp_reconnects", kind: "counter", unit: "count", tags: ["target", "cause"], description: "reconnect attempts after a lost session" },
  { name: "xmpp_ping_misses", kind: "counter", unit: "count", tags: ["target"], description: "XMPP pings unanswered within the timeout" },
  { name: "finesse_events_expected", kind: "counter", unit: "count", tags: ["role", "node"], description: "event deliveries expected: the agent itself plus its team's supervisors" },
  { name: "finesse_events_received", kind: "counter", unit: "count", tags: ["role", "node"], description: "expected deliveries that arrived within the event timeout" },
  { name: "finesse_events_lost", kind: "counter", unit: "count", tags: ["role", "node"], description: "expected deliveries not received within the event timeout" },
  { name: "finesse_forced_logouts", kind: "counter", unit: "count", tags: ["target"], description: "LOGOUT events the agent did not ask for (Finesse presence-loss logout, reason 255)" },
  { name: "harness_errors", kind: "counter", unit: "count", tags: ["kind", "condition", "target"], description: "errors by kind (stream, sasl, stanza, timeout, closed, protocol, http, finesse_api) and condition" },
  { name: "finesse_login_success", kind: "rate", unit: "ratio", tags: ["target", "step"], description: "share of agent logins that reached the signed-in state" },
  { name: "finesse_event_delivery", kind: "rate", unit: "ratio", tags: ["role", "node"], description: "share of expected event deliveries received within the event timeout" },
] as const satisfies readonly MetricSpec[];

export type MetricName = (typeof METRICS)[number]["name"];

export function metricSpec(name: MetricName): MetricSpec {
  const spec = METRICS.find((m) => m.name === name);
  if (!spec) throw new Error(`unknown metric ${name}`);
  return spec;
}
