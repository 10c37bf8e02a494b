// The dashboard's panels, each a set of PromQL queries over catalogue metrics. A catalogue metric no
// panel names lands in "Other harness metrics", so every metric is on the dashboard.
// Across k6-operator runners (labels instance_id, testrun_name) counters are summed and trend stats
// and rates take the worst or the mean: a p99 of several runners cannot be combined exactly.
import { METRICS, type MetricSpec } from "../metrics/index.ts";
import { promName, RUN_SELECTOR } from "./names.ts";

export type Unit = "s" | "percentunit" | "short" | "ops";

export interface Query {
  /** the catalogue metric read */
  metric: string;
  expr: string;
  legend: string;
}

export interface PanelSpec {
  title: string;
  description: string;
  unit: Unit;
  queries: Query[];
  /** 24 = full width */
  width: 12 | 24;
}

const spec = (name: string): MetricSpec | undefined => METRICS.find((m) => m.name === name);
/** "sum(" or "sum by (a, b) (" */
const agg = (op: string, labels: readonly string[]): string => (labels.length === 0 ? `${op}(` : `${op} by (${labels.join(", ")}) (`);
const legendOf = (labels: readonly string[], fallback: string): string =>
  labels.length === 0 ? fallback : labels.map((l) => `{{${l}}}`).join(" ");

/** Queries for the named metrics that exist in the catalogue (a renamed metric drops out, not the panel). */
function q(names: readonly string[], make: (m: MetricSpec, name: string) => Omit<Query, "metric">): Query[] {
  return names.flatMap((n) => {
    const m = spec(n);
    return m ? [{ metric: n, ...make(m, series(m)) }] : [];
  });
}

/** A metric's series of the runs picked in the dashboard's `testid` variable. */
const series = (m: MetricSpec): string => `${promName(m)}${RUN_SELECTOR}`;

/** The tags of a metric among `wanted`, so a query never groups by a label the metric lacks. */
const tagsOf = (m: MetricSpec, wanted: readonly string[]): string[] => wanted.filter((t) => m.tags.includes(t));

const worst = (wanted: readonly string[]) => (m: MetricSpec, name: string) => {
  const labels = tagsOf(m, wanted);
  return { expr: `${agg("max", labels)}${name})`, legend: legendOf(labels, m.name) };
};
const mean = (wanted: readonly string[]) => (m: MetricSpec, name: string) => {
  const labels = tagsOf(m, wanted);
  return { expr: `${agg("avg", labels)}${name})`, legend: legendOf(labels, m.name) };
};
const perSecond = (wanted: readonly string[]) => (m: MetricSpec, name: string) => {
  const labels = tagsOf(m, wanted);
  return { expr: `${agg("sum", labels)}rate(${name}[$__rate_interval]))`, legend: `${m.name} ${legendOf(labels, "")}`.trim() };
};
const total = (wanted: readonly string[]) => (m: MetricSpec, name: string) => {
  const labels = tagsOf(m, wanted);
  return { expr: `${agg("sum", labels)}${name})`, legend: `${m.name} ${legendOf(labels, "")}`.trim() };
};

const PHASES = ["xmpp_upgrade", "xmpp_open_features", "xmpp_sasl", "xmpp_restart", "xmpp_bind", "xmpp_session", "xmpp_presence", "xmpp_subscribe", "xmpp_publish", "xmpp_ping_rtt"];

export function panelSpecs(): PanelSpec[] {
  const opened = spec("xmpp_sessions_opened");
  const closed = spec("xmpp_sessions_closed");
  const panels: PanelSpec[] = [
    {
      title: "Sessions",
      description: "Sessions open now (reached ready, not yet closed), and those that never reached ready.",
      unit: "short",
      width: 12,
      queries: [
        ...(opened && closed
          ? [{ metric: opened.name, expr: `sum(${series(opened)}) - (sum(${series(closed)}) or vector(0))`, legend: "open" }]
          : []),
        ...(closed ? [{ metric: closed.name, expr: `sum(${series(closed)})`, legend: "closed" }] : []),
        ...q(["xmpp_sessions_failed"], (_m, n) => ({ expr: `sum(${n})`, legend: "failed" })),
      ],
    },
    {
      title: "Logins",
      description: "Sessions reaching ready per second, by target.",
      unit: "ops",
      width: 12,
      queries: q(["xmpp_sessions_opened"], perSecond(["target"])),
    },
    {
      title: "Login success",
      description: "Share of agent logins that reached the signed-in state, per target (mean across runners).",
      unit: "percentunit",
      width: 12,
      queries: q(["finesse_login_success"], mean(["target"])),
    },
    {
      title: "Time to ready p99",
      description: "Connect start to ready, p99 since the run started (worst runner).",
      unit: "s",
      width: 12,
      queries: q(["xmpp_time_to_ready"], worst(["target"])),
    },
    {
      title: "Session setup phases p99",
      description: "Each phase of the session setup and the XMPP round trips, p99 since the run started (worst runner).",
      unit: "s",
      width: 24,
      queries: q(PHASES, (m, n) => ({ expr: `max(${n})`, legend: m.name })),
    },
    {
      title: "Event latency p99 by role and node",
      description: "State change to the matching event at each subscriber, p99 since the run started (worst runner).",
      unit: "s",
      width: 12,
      queries: q(["finesse_event_latency"], worst(["role", "node"])),
    },
    {
      title: "Finesse REST p99 by operation",
      description: "REST request duration by operation, p99 since the run started (worst runner).",
      unit: "s",
      width: 12,
      queries: q(["finesse_rest_duration"], worst(["op"])),
    },
    {
      title: "Event delivery",
      description: "Share of expected event deliveries received within the event timeout (mean across runners).",
      unit: "percentunit",
      width: 12,
      queries: q(["finesse_event_delivery"], mean(["role", "node"])),
    },
    {
      title: "Event losses",
      description: "Expected, received and lost event deliveries since the run started.",
      unit: "short",
      width: 12,
      queries: q(["finesse_events_lost", "finesse_events_expected", "finesse_events_received"], total(["role", "node"])),
    },
    {
      title: "Errors by kind and condition",
      description: "Harness errors and failed logins per second, by kind and condition.",
      unit: "ops",
      width: 24,
      queries: q(["harness_errors", "xmpp_sessions_failed"], perSecond(["kind", "condition"])),
    },
    {
      title: "Reconnects and forced logouts",
      description: "Reconnect attempts by cause, forced logouts and unanswered pings, per second.",
      unit: "ops",
      width: 12,
      queries: q(["xmpp_reconnects", "finesse_forced_logouts", "xmpp_ping_misses"], perSecond(["cause"])),
    },
    {
      title: "Recovery and failover",
      description: "Session lost to ready again, and fault to detection, p99 by cause (worst runner).",
      unit: "s",
      width: 12,
      queries: q(["finesse_recovery_time", "failover_detection_time"], (m, n) => {
        const labels = tagsOf(m, ["cause"]);
        return { expr: `${agg("max", labels)}${n})`, legend: `${m.name} ${legendOf(labels, "")}`.trim() };
      }),
    },
    {
      title: "Failover recovery success",
      description: "Share of lost sessions ready again within the recovery window (mean across runners).",
      unit: "percentunit",
      width: 12,
      queries: q(["failover_recovery_success"], mean(["cause"])),
    },
    {
      title: "Capacity steps: time to ready p99",
      description: "Time to ready p99 per capacity step: the step where it bends is the knee.",
      unit: "s",
      width: 12,
      queries: q(["xmpp_time_to_ready"], worst(["step"])),
    },
    {
      title: "Capacity steps: event latency p99",
      description: "Event latency p99 per capacity step.",
      unit: "s",
      width: 12,
      queries: q(["finesse_event_latency"], worst(["step"])),
    },
    {
      title: "Capacity steps: sessions opened",
      description: "Sessions that reached ready in each capacity step.",
      unit: "short",
      width: 12,
      queries: q(["xmpp_sessions_opened"], total(["step"])),
    },
  ];
  const named = new Set(panels.flatMap((p) => p.queries.map((x) => x.metric)));
  const rest = METRICS.filter((m) => !named.has(m.name));
  if (rest.length > 0) {
    panels.push({
      title: "Other harness metrics",
      description: "Catalogue metrics without a panel of their own.",
      unit: "short",
      width: 24,
      queries: rest.map((m) => ({ metric: m.name, ...(m.kind === "counter" ? total([]) : worst([]))(m, series(m)) })),
    });
  }
  return panels;
}
