// The headline figures of a run: threshold verdicts, sessions reached, login success, delivery
// ratio, time to ready and event latency by role (metric meanings: src/metrics/descriptions.ts).
import { fmtMs, fmtNumber, fmtPercent } from "./format.ts";
import { kneeOf, kneeText, type Knee } from "./knee.ts";
import { parseMetricName } from "./metric-name.ts";
import { observedValue } from "./observed.ts";
import { percentile, type PointDigest } from "./points.ts";
import type { RunSummary, SummaryMetric } from "./summary.ts";

export interface ThresholdRow {
  metric: string;
  expr: string;
  ok: boolean;
  observed: string;
}

export interface Headline {
  verdict: "pass" | "fail" | "no thresholds";
  thresholds: ThresholdRow[];
  sessionsOpened: number | undefined;
  sessionsFailed: number | undefined;
  loginSuccess: { rate: number; passes: number; total: number } | undefined;
  delivery: { rate: number; passes: number; total: number } | undefined;
  timeToReadyP95: number | undefined;
  /** event latency p95 (ms) per role; "all" for every role together */
  eventLatencyP95: Array<{ role: string; p95: number; source: "summary" | "ndjson" }>;
  /** per-step verdicts and the first failing step; undefined without per-step thresholds */
  knee: Knee | undefined;
}

function rateOf(m: SummaryMetric | undefined): Headline["loginSuccess"] {
  if (!m || m.type !== "rate") return undefined;
  const passes = m.values.passes ?? 0;
  return { rate: m.values.rate ?? 0, passes, total: passes + (m.values.fails ?? 0) };
}

export function headline(s: RunSummary, digest?: PointDigest): Headline {
  const thresholds: ThresholdRow[] = [];
  for (const m of [...s.metrics.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const t of m.thresholds) {
      const seen = observedValue(m, t.expr);
      thresholds.push({ metric: m.name, expr: t.expr, ok: t.ok, observed: seen ? `${seen.stat} ${seen.text}` : "—" });
    }
  }
  const verdict = thresholds.length === 0 ? "no thresholds" : thresholds.every((t) => t.ok) ? "pass" : "fail";
  const latency: Headline["eventLatencyP95"] = [];
  const all = s.metrics.get("finesse_event_latency")?.values["p(95)"];
  if (all !== undefined) latency.push({ role: "all", p95: all, source: "summary" });
  const fromSummary = new Set<string>();
  for (const m of s.metrics.values()) {
    const n = parseMetricName(m.name);
    const role = n.tags.role;
    if (n.base !== "finesse_event_latency" || role === undefined || Object.keys(n.tags).length !== 1) continue;
    const p95 = m.values["p(95)"];
    if (p95 === undefined) continue;
    fromSummary.add(role);
    latency.push({ role, p95, source: "summary" });
  }
  for (const [role, samples] of digest?.latencyByRole ?? []) {
    const p95 = percentile(samples, 95);
    if (!fromSummary.has(role) && p95 !== undefined) latency.push({ role, p95, source: "ndjson" });
  }
  latency.sort((a, b) => (a.role === "all" ? -1 : b.role === "all" ? 1 : a.role.localeCompare(b.role)));
  return {
    verdict,
    thresholds,
    sessionsOpened: s.metrics.get("xmpp_sessions_opened")?.values.count,
    sessionsFailed: s.metrics.get("xmpp_sessions_failed")?.values.count,
    loginSuccess: rateOf(s.metrics.get("finesse_login_success")),
    delivery: rateOf(s.metrics.get("finesse_event_delivery")),
    timeToReadyP95: s.metrics.get("xmpp_time_to_ready")?.values["p(95)"],
    eventLatencyP95: latency,
    knee: kneeOf(s),
  };
}

const NONE = "not recorded";

/** The headline as Markdown bullet lines. */
export function headlineLines(h: Headline): string[] {
  const ratio = (r: Headline["loginSuccess"]): string => (r ? `${fmtPercent(r.rate)} (${r.passes} of ${r.total})` : NONE);
  const failed = h.sessionsFailed ? `, ${fmtNumber(h.sessionsFailed)} failed` : "";
  const roles = h.eventLatencyP95.map((l) => `${l.role} ${fmtMs(l.p95)}`).join(", ");
  return [
    `- Sessions reached: ${h.sessionsOpened === undefined ? NONE : `${fmtNumber(h.sessionsOpened)}${failed}`}`,
    `- Login success: ${ratio(h.loginSuccess)}`,
    `- Event delivery: ${ratio(h.delivery)}`,
    `- Time to ready p95: ${h.timeToReadyP95 === undefined ? NONE : fmtMs(h.timeToReadyP95)}`,
    `- Event latency p95 by role: ${roles === "" ? NONE : roles}`,
    `- Knee: ${kneeText(h.knee)}`,
  ];
}
