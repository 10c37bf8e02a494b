// The time-series and distribution charts of report.html, built from the NDJSON timeline.
import { bucketsFor, cdf, countSeries, gaugeSeries, histogramBins, levelSeries, percentileSeries, rateSeries, type Buckets, type XY } from "./chart-data.ts";
import { fmtNumber } from "./format.ts";
import { esc } from "./html-escape.ts";
import type { Knee } from "./knee.ts";
import { parseMetricName } from "./metric-name.ts";
import type { ErrorCount } from "./points.ts";
import { barChart, lineChart, type LineSeries } from "./svg-chart.ts";
import type { RunSummary } from "./summary.ts";
import { PHASES, type Timeline } from "./timeline.ts";

/** Seconds on the time axis, or minutes once a run is longer than ten minutes. */
export interface TimeAxis {
  b: Buckets;
  div: number;
  label: string;
  /** the run's span in axis units */
  max: number;
}

export function timeAxis(t: Timeline): TimeAxis | undefined {
  if (t.startMs === undefined || t.endMs === undefined) return undefined;
  const b = bucketsFor(t.startMs, t.endMs);
  const span = (t.endMs - t.startMs) / 1000;
  const div = span > 600 ? 60 : 1;
  const per = b.width === 1 ? "per second" : `per ${b.width} s bucket`;
  return { b, div, label: `time since first sample (${div === 60 ? "min" : "s"}); ${per}`, max: (b.count * b.width) / div };
}

const scaleX = (pts: XY[], div: number): XY[] => pts.map((p) => ({ x: p.x / div, y: p.y }));
const none = (what: string): string => `<p class="none">${esc(what)}</p>`;
/** "totals: a 4, b 2" for count series whose lines may lie on top of each other. */
const totals = (series: readonly LineSeries[]): string =>
  `totals: ${series.map((x) => `${x.name} ${fmtNumber(x.points.reduce((n, p) => n + p.y, 0))}`).join(", ")}`;
const nonEmpty = (s: LineSeries[]): LineSeries[] => s.filter((x) => x.points.some((p) => p.y !== 0));

export function sessionsCharts(t: Timeline, ax: TimeAxis): string {
  const c = t.counters;
  const sessions: LineSeries[] = [];
  if (c.has("xmpp_sessions_opened")) {
    sessions.push({ name: "sessions open (opened − closed)", points: scaleX(levelSeries(c.get("xmpp_sessions_opened"), c.get("xmpp_sessions_closed"), ax.b), ax.div) });
  }
  if (t.vus.size > 0) sessions.push({ name: "k6 VUs", points: scaleX(gaugeSeries(t.vus, ax.b), ax.div), dashed: true });
  const logins = nonEmpty([
    { name: "sessions ready", points: scaleX(rateSeries(c.get("xmpp_sessions_opened"), ax.b), ax.div) },
    { name: "logins failed", points: scaleX(rateSeries(c.get("xmpp_sessions_failed"), ax.b), ax.div), dashed: true },
  ]);
  return `<div class="grid">${[
    sessions.length === 0 ? none("Concurrent sessions: not recorded (no xmpp_sessions_opened or vus points).")
      : lineChart({ id: "sessions", title: "Concurrent sessions", x: { label: ax.label, min: 0, max: ax.max }, y: { label: "sessions", min: 0 }, series: sessions }),
    logins.length === 0 ? none("Login rate: no session reached ready and none failed.")
      : lineChart({ id: "login-rate", title: "Login rate", x: { label: ax.label, min: 0, max: ax.max }, y: { label: "sessions per second", min: 0 }, series: logins }),
  ].join("")}</div>`;
}

export function phaseCharts(t: Timeline, ax: TimeAxis): string {
  const out: string[] = [];
  for (const phase of PHASES) {
    const bySec = t.phases.get(phase);
    if (!bySec || bySec.size === 0) continue;
    const series = ([[50, false], [95, false], [99, true]] as const).map(([p, dashed]) => ({
      name: `p${p}`, points: scaleX(percentileSeries(bySec, ax.b, p), ax.div), dashed,
    }));
    out.push(lineChart({ id: `phase-${phase}`, title: `${phase} p50 / p95 / p99`, x: { label: ax.label, min: 0, max: ax.max }, y: { label: "latency (ms)", min: 0 }, series }));
  }
  return out.length === 0 ? none("Session-setup phases: not recorded (no xmpp_* phase points).") : `<div class="grid">${out.join("")}</div>`;
}

export function eventLatencyCharts(t: Timeline): string {
  const keys = [...t.eventLatency.keys()].sort();
  if (keys.length === 0) return none("Event latency: not recorded (no finesse_event_latency points).");
  const lo = Math.min(...keys.map((k) => t.eventLatency.get(k)!.min));
  const hi = Math.max(...keys.map((k) => t.eventLatency.get(k)!.max));
  const hist: LineSeries[] = keys.map((k) => {
    const bins = histogramBins(t.eventLatency.get(k)!, 40, lo, hi);
    const points = bins.map((b) => ({ x: b.lo, y: b.count }));
    const last = bins.at(-1);
    if (last) points.push({ x: last.hi, y: last.count });
    return { name: `role/node ${k}`, points, stepped: true };
  });
  const cdfs: LineSeries[] = keys.map((k) => ({ name: `role/node ${k}`, points: cdf(t.eventLatency.get(k)!), stepped: true }));
  const counts = keys.map((k) => `${k}: ${fmtNumber(t.eventLatency.get(k)!.count)} samples`).join("; ");
  return `<div class="grid">${lineChart({ id: "event-latency-histogram", title: "Event latency histogram", x: { label: "latency (ms)" }, y: { label: "events per bin", min: 0 }, series: hist, note: counts })}${lineChart({ id: "event-latency-cdf", title: "Event latency CDF", x: { label: "latency (ms)" }, y: { label: "events at or below (%)", min: 0, max: 100 }, series: cdfs })}</div>`;
}

/** The event-latency p95 bound of the per-step thresholds (`finesse_event_latency{step:N}`: `p(95)<X`), if any. */
export function stepLatencySlo(s: RunSummary): number | undefined {
  for (const m of s.metrics.values()) {
    const n = parseMetricName(m.name);
    if (n.base !== "finesse_event_latency" || n.tags.step === undefined) continue;
    for (const t of m.thresholds) {
      const hit = /^\s*p\(95\)\s*<=?\s*([\d.]+)\s*$/.exec(t.expr);
      if (hit) return Number(hit[1]);
    }
  }
  return undefined;
}

export function capacityCharts(t: Timeline, knee: Knee | undefined, sloMs?: number): string {
  const steps = [...t.steps.values()].sort((a, b) => a.sessions - b.sessions);
  if (steps.length === 0) return "";
  const marks = knee?.knee ? [{ x: knee.knee.sessions, label: `knee: ${fmtNumber(knee.knee.sessions)} sessions` }] : [];
  const pts = (f: (s: (typeof steps)[number]) => number | undefined): XY[] =>
    steps.flatMap((s) => {
      const y = f(s);
      return y === undefined ? [] : [{ x: s.sessions, y }];
    });
  const latency = nonEmpty([
    { name: "event latency p95", points: pts((s) => s.eventLatency.percentile(95)) },
    { name: "time to ready p95", points: pts((s) => s.timeToReady.percentile(95)), dashed: true },
  ]);
  const errors: LineSeries[] = [
    { name: "login failures (%)", points: pts((s) => (s.loginTotal === 0 ? undefined : (100 * (s.loginTotal - s.loginOk)) / s.loginTotal)) },
    { name: "events not delivered (%)", points: pts((s) => (s.deliveryTotal === 0 ? undefined : (100 * (s.deliveryTotal - s.deliveryOk)) / s.deliveryTotal)), dashed: true },
  ].filter((s) => s.points.length > 0);
  const x = { label: "concurrent sessions (step)", min: 0 };
  return `<div class="grid">${[
    latency.length === 0 ? none("Latency per step: no latency samples carry a step tag.")
      : lineChart({ id: "capacity-latency", title: "Latency against concurrent sessions", x, y: { label: "latency p95 (ms)", min: 0 }, series: latency, marks,
        rules: sloMs === undefined ? [] : [{ y: sloMs, label: `event latency SLO p95 < ${fmtNumber(sloMs)} ms` }] }),
    errors.length === 0 ? none("Error rate per step: no login or delivery samples carry a step tag.")
      : lineChart({ id: "capacity-errors", title: "Error rate against concurrent sessions", x, y: { label: "failed (%)", min: 0 }, series: errors, marks }),
  ].join("")}</div>`;
}

const FAILOVER_KEYS = ["xmpp_reconnects", "finesse_recovery_time", "failover_detection_time"];

/** Disconnects and recoveries over time, when the run lost sessions or reconnected. */
export function failoverChart(t: Timeline, ax: TimeAxis, scenario: string | undefined): string {
  const c = t.counters;
  const lost = [...c.keys()].filter((k) => k.startsWith("xmpp_sessions_closed{") && k !== "xmpp_sessions_closed{cause:logout}");
  if (scenario !== "failover" && lost.length === 0 && !FAILOVER_KEYS.some((k) => c.has(k))) return "";
  const series = nonEmpty([
    ...lost.sort().map((k) => ({ name: `disconnects ${k.slice("xmpp_sessions_closed".length)}`, points: scaleX(countSeries(c.get(k), ax.b), ax.div) })),
    { name: "reconnect attempts", points: scaleX(countSeries(c.get("xmpp_reconnects"), ax.b), ax.div), dashed: true },
    { name: "recoveries (ready again)", points: scaleX(countSeries(c.get("finesse_recovery_time"), ax.b), ax.div) },
    { name: "forced logouts", points: scaleX(countSeries(c.get("finesse_forced_logouts"), ax.b), ax.div), dashed: true },
  ]);
  if (series.length === 0) return none("Disconnects and recoveries: no session was lost and none reconnected.");
  return lineChart({ id: "failover", title: "Disconnects and recoveries", x: { label: ax.label, min: 0, max: ax.max }, y: { label: "count per bucket", min: 0 }, series, note: totals(series) });
}

export function errorCharts(errors: readonly ErrorCount[], t: Timeline | undefined, ax: TimeAxis | undefined): string {
  const out: string[] = [];
  if (errors.length > 0) {
    const bars = errors.slice(0, 20).map((e) => ({ label: `${e.metric} ${e.kind || "—"} / ${e.condition || "—"}`, value: e.count }));
    const note = errors.length > 20 ? `the 20 largest of ${errors.length} kinds and conditions; all are in the table below` : undefined;
    out.push(barChart({ id: "errors", title: "Errors by kind and condition", label: "count", bars, ...(note ? { note } : {}) }));
  }
  if (t && ax) {
    const series = nonEmpty([...t.counters.keys()].filter((k) => k.startsWith("harness_errors{")).sort()
      .map((k) => ({ name: k, points: scaleX(countSeries(t.counters.get(k), ax.b), ax.div) })));
    const failed = scaleX(countSeries(t.counters.get("xmpp_sessions_failed"), ax.b), ax.div);
    if (failed.some((p) => p.y > 0)) series.push({ name: "xmpp_sessions_failed", points: failed, dashed: true });
    if (series.length > 0) out.push(lineChart({ id: "errors-over-time", title: "Errors over time", x: { label: ax.label, min: 0, max: ax.max }, y: { label: "count per bucket", min: 0 }, series, note: totals(series) }));
  }
  return out.length === 0 ? "" : `<div class="grid">${out.join("")}</div>`;
}
