// Time series and per-step figures of a run, collected point by point from k6's JSON output
// (k6 docs, results-output/real-time/json): counters summed and trends kept as log histograms
// per second of wall time, so a long run stays small; report charts regroup the seconds later.
import { LogHistogram } from "./log-histogram.ts";

/** session-setup phases in the order a session goes through them (metrics catalogue) */
export const PHASES = ["xmpp_upgrade", "xmpp_open_features", "xmpp_sasl", "xmpp_restart", "xmpp_bind",
  "xmpp_session", "xmpp_presence", "xmpp_time_to_ready"] as const;

/** counters charted over time; a tag named here splits the series (e.g. closed sessions by cause) */
const COUNTERS: Record<string, string | undefined> = {
  xmpp_sessions_opened: undefined,
  xmpp_sessions_failed: undefined,
  xmpp_sessions_closed: "cause",
  xmpp_reconnects: "cause",
  harness_errors: "kind",
  finesse_forced_logouts: undefined,
  finesse_events_lost: undefined,
};

/** trends whose sample count over time is charted (one sample per recovery, per detection) */
const COUNTED_TRENDS = ["finesse_recovery_time", "failover_detection_time"] as const;

export interface StepFigures {
  /** the step's concurrent session count (its `step` tag) */
  sessions: number;
  eventLatency: LogHistogram;
  timeToReady: LogHistogram;
  loginOk: number;
  loginTotal: number;
  deliveryOk: number;
  deliveryTotal: number;
  errors: number;
}

export interface Timeline {
  /** first and last point time, epoch ms; undefined without points */
  startMs: number | undefined;
  endMs: number | undefined;
  /** series key ("metric" or "metric{tag:value}") → epoch second → sum */
  counters: Map<string, Map<number, number>>;
  /** phase metric → epoch second → distribution */
  phases: Map<string, Map<number, LogHistogram>>;
  /** k6's `vus` gauge: epoch second → last value */
  vus: Map<number, number>;
  /** finesse_event_latency by "role/node" */
  eventLatency: Map<string, LogHistogram>;
  /** capacity steps with a numeric step tag, by session count */
  steps: Map<number, StepFigures>;
}

function newStep(sessions: number): StepFigures {
  return { sessions, eventLatency: new LogHistogram(), timeToReady: new LogHistogram(), loginOk: 0, loginTotal: 0,
    deliveryOk: 0, deliveryTotal: 0, errors: 0 };
}

function bump(map: Map<number, number>, key: number, v: number): void {
  map.set(key, (map.get(key) ?? 0) + v);
}

export class TimelineCollector {
  readonly #t: Timeline = { startMs: undefined, endMs: undefined, counters: new Map(), phases: new Map(), vus: new Map(),
    eventLatency: new Map(), steps: new Map() };

  add(metric: string, timeMs: number, value: number, tag: (k: string) => string): void {
    const t = this.#t;
    t.startMs = t.startMs === undefined ? timeMs : Math.min(t.startMs, timeMs);
    t.endMs = t.endMs === undefined ? timeMs : Math.max(t.endMs, timeMs);
    const sec = Math.floor(timeMs / 1000);
    if (metric in COUNTERS) {
      const split = COUNTERS[metric];
      const key = split === undefined ? metric : `${metric}{${split}:${tag(split) || "(none)"}}`;
      if (split !== undefined) this.#counter(metric, sec, value);
      this.#counter(key, sec, value);
    } else if ((COUNTED_TRENDS as readonly string[]).includes(metric)) {
      this.#counter(metric, sec, 1);
    } else if ((PHASES as readonly string[]).includes(metric)) {
      const bySec = t.phases.get(metric) ?? new Map<number, LogHistogram>();
      t.phases.set(metric, bySec);
      const h = bySec.get(sec) ?? new LogHistogram();
      bySec.set(sec, h);
      h.add(value);
    } else if (metric === "vus") {
      t.vus.set(sec, value);
    }
    if (metric === "finesse_event_latency") {
      const key = `${tag("role") || "(none)"}/${tag("node") || "(none)"}`;
      const h = t.eventLatency.get(key) ?? new LogHistogram();
      t.eventLatency.set(key, h);
      h.add(value);
    }
    this.#step(metric, value, tag("step"));
  }

  #counter(key: string, sec: number, v: number): void {
    const m = this.#t.counters.get(key) ?? new Map<number, number>();
    this.#t.counters.set(key, m);
    bump(m, sec, v);
  }

  #step(metric: string, value: number, stepTag: string): void {
    if (!/^\d+$/.test(stepTag)) return;
    const sessions = Number(stepTag);
    const s = this.#t.steps.get(sessions) ?? newStep(sessions);
    this.#t.steps.set(sessions, s);
    if (metric === "finesse_event_latency") s.eventLatency.add(value);
    else if (metric === "xmpp_time_to_ready") s.timeToReady.add(value);
    else if (metric === "finesse_login_success") {
      s.loginTotal++;
      if (value !== 0) s.loginOk++;
    } else if (metric === "finesse_event_delivery") {
      s.deliveryTotal++;
      if (value !== 0) s.deliveryOk++;
    } else if (metric === "harness_errors" || metric === "xmpp_sessions_failed") s.errors += value;
  }

  result(): Timeline {
    return this.#t;
  }
}
