// Which way a change is worse, per metric (meanings: src/metrics/descriptions.ts and k6's built-in
// metrics): latencies and error counts up is worse; success ratios, delivery and sessions reached
// down is worse; sizes and durations chosen by the test itself carry no verdict.
import { parseMetricName } from "./metric-name.ts";
import type { MetricType } from "./summary.ts";

export type Worse = "higher" | "lower" | "none";

const HIGHER_IS_WORSE = new Set([
  "harness_errors", "xmpp_sessions_failed", "finesse_events_lost", "xmpp_ping_misses", "finesse_forced_logouts",
  "xmpp_reconnects", "http_req_failed", "dropped_iterations",
]);
const LOWER_IS_WORSE = new Set(["xmpp_sessions_opened", "finesse_events_received", "finesse_login_success",
  "finesse_event_delivery", "checks"]);
/**
 * Set by the scenario (hold times, iteration pacing), or sub-phases of an HTTP request spent on the
 * load generator's side (k6 docs, using-k6/metrics/reference: blocked, connecting, TLS, sending,
 * receiving), where sub-millisecond jitter is not the target's doing; http_req_duration and
 * http_req_waiting carry the verdict for HTTP.
 */
const NO_VERDICT = new Set(["ws_session_duration", "iteration_duration", "group_duration", "http_req_blocked",
  "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_receiving"]);

export function worseDirection(metric: string, type: MetricType): Worse {
  const base = parseMetricName(metric).base;
  if (HIGHER_IS_WORSE.has(base)) return "higher";
  if (LOWER_IS_WORSE.has(base)) return "lower";
  if (NO_VERDICT.has(base)) return "none";
  if (type === "trend") return "higher";
  if (type === "rate") return /fail|error|lost|miss/.test(base) ? "higher" : "lower";
  return "none";
}
