// What each metric means, for README and reports. Kept apart from the catalogue so that k6
// bundles, which only need names, kinds and tags, do not carry these strings.
import type { MetricName } from "./catalog.ts";

export const METRIC_DESCRIPTIONS: Record<MetricName, string> = {
  xmpp_upgrade: "WebSocket upgrade: connect start to open (TCP, TLS, HTTP 101)",
  xmpp_open_features: "stream <open/> sent to <stream:features> received",
  xmpp_sasl: "SASL PLAIN <auth/> sent to <success/>",
  xmpp_restart: "stream restart <open/> to the post-auth features",
  xmpp_bind: "resource bind iq round trip",
  xmpp_session: "session iq round trip",
  xmpp_presence: "initial presence sent to readiness (presence from finesse@<domain>)",
  xmpp_time_to_ready: "connect start to ready: the desktop's \"connected\" moment",
  xmpp_subscribe: "pubsub subscribe iq round trip (supervisors on Team nodes; generic XMPP: own and watched nodes)",
  xmpp_publish: "pubsub publish iq round trip (generic XMPP targets: one per event)",
  xmpp_ping_rtt: "XMPP ping (XEP-0199) round trip",
  finesse_rest_duration: "Finesse REST request duration; op = system_info | get_user | login | ready | not_ready | logout | get_team",
  finesse_event_latency: "state-change trigger (REST request sent; generic XMPP: publish sent) to the matching event at a subscriber; role = self | supervisor | publisher | watcher, node = user | team | agent",
  finesse_recovery_time: "session lost to ready again after reconnecting",
  failover_detection_time: "scheduled fault time to the moment an agent noticed its session was lost (failover scenario)",
  failover_recovery_success: "share of lost sessions that were ready again within the recovery window (failover scenario)",
  xmpp_sessions_opened: "sessions that reached ready",
  xmpp_sessions_closed: "sessions that ended after ready, cleanly or not",
  xmpp_sessions_failed: "login attempts that never reached ready",
  xmpp_reconnects: "reconnect attempts after a lost session",
  xmpp_ping_misses: "XMPP pings unanswered within the timeout",
  finesse_events_expected: "event deliveries expected: the agent itself plus its team's supervisors",
  finesse_events_received: "expected deliveries that arrived within the event timeout",
  finesse_events_lost: "expected deliveries not received within the event timeout",
  finesse_forced_logouts: "LOGOUT events the agent did not ask for (Finesse presence-loss logout, reason 255)",
  harness_errors: "errors by kind (stream, sasl, stanza, timeout, closed, protocol, http, finesse_api) and condition",
  finesse_login_success: "share of agent logins that reached the signed-in state",
  finesse_event_delivery: "share of expected event deliveries received within the event timeout",
};
