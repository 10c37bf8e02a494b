// report.md of one run, for a PR comment: the headline, then tables of the session-setup phase
// latencies, errors by kind and condition, checks, and k6's own HTTP and WebSocket figures.
import { METRICS } from "../metrics/index.ts";
import { fmtMs, fmtNumber, fmtStat } from "./format.ts";
import { headline, headlineLines } from "./headline.ts";
import { mdTable } from "./markdown.ts";
import { parseMetricName } from "./metric-name.ts";
import { ERROR_COUNTERS, type ErrorCount, type PointDigest } from "./points.ts";
import type { RunInfo } from "./run-info.ts";
import type { RunSummary, SummaryMetric } from "./summary.ts";

const LATENCY_TRENDS = METRICS.filter((m) => m.kind === "trend" && m.unit === "ms").map((m) => m.name as string);
/** counters that count something going wrong (metrics catalogue) */
const ERROR_TOTALS = ["harness_errors", "xmpp_sessions_failed", "finesse_events_lost", "xmpp_ping_misses",
  "finesse_forced_logouts", "xmpp_reconnects"];
const DASH = "—";

/** Base metric name → the metric and its submetrics, base first. */
function family(s: RunSummary, base: string): SummaryMetric[] {
  const out = [...s.metrics.values()].filter((m) => parseMetricName(m.name).base === base);
  return out.sort((a, b) => (a.name === base ? -1 : b.name === base ? 1 : a.name.localeCompare(b.name)));
}

function stat(m: SummaryMetric, ...keys: string[]): string {
  for (const k of keys) {
    const v = m.values[k];
    if (v !== undefined) return fmtStat(m, k, v);
  }
  return DASH;
}

export const LATENCY_HEADER = ["Metric", "Samples", "p50", "p95", "p99", "max"];

/** One row per latency trend of the catalogue and its submetrics, in catalogue order. */
export function latencyRows(s: RunSummary): string[][] {
  return LATENCY_TRENDS.flatMap((base) => family(s, base)).map((m) => [
    m.name, stat(m, "count"), stat(m, "p(50)", "med"), stat(m, "p(95)"), stat(m, "p(99)"), stat(m, "max"),
  ]);
}

export function latencyTable(s: RunSummary): string | undefined {
  const rows = latencyRows(s);
  if (rows.length === 0) return undefined;
  return mdTable(LATENCY_HEADER, rows, ["l", "r", "r", "r", "r", "r"]);
}

/** The error counters' totals, e.g. "harness_errors 0". */
export function errorTotals(s: RunSummary): string[] {
  return ERROR_TOTALS.map((n) => s.metrics.get(n)).filter((m): m is SummaryMetric => m !== undefined)
    .map((m) => `${m.name} ${fmtNumber(m.values.count ?? 0)}`);
}

/** Error counts by kind and condition: from NDJSON points when given, else from tagged submetrics. */
export function errorRows(s: RunSummary, digest?: PointDigest): ErrorCount[] {
  if (digest) return digest.errors;
  const out: ErrorCount[] = [];
  for (const base of ERROR_COUNTERS) {
    for (const m of family(s, base)) {
      const n = parseMetricName(m.name);
      const count = m.values.count ?? 0;
      if (m.name === base || count === 0) continue;
      out.push({ metric: base, kind: n.tags.kind ?? "", condition: n.tags.condition ?? "", count });
    }
  }
  return out.sort((a, b) => b.count - a.count);
}

function errorSection(s: RunSummary, digest?: PointDigest): string {
  const totals = errorTotals(s);
  const parts = [`Totals: ${totals.length === 0 ? "no error counter recorded a sample" : totals.join(", ")}.`];
  const rows = errorRows(s, digest);
  const source = digest ? "from the metrics file" : "from the summary's submetrics";
  if (rows.length > 0) {
    parts.push(mdTable(["Metric", "Kind", "Condition", "Count"],
      rows.map((e) => [e.metric, e.kind || DASH, e.condition || DASH, fmtNumber(e.count)]), ["l", "l", "l", "r"]));
    parts.push(`By kind and condition ${source}.`);
  } else if (!digest) {
    parts.push("No breakdown by kind and condition: pass the metrics file (--metrics) or define submetrics such as `harness_errors{kind:timeout}`.");
  }
  return parts.join("\n\n");
}

const K6_FIGURES: Array<[string, string[]]> = [
  ["iterations", ["count", "rate"]], ["iteration_duration", ["avg", "p(95)"]], ["vus_max", ["max"]],
  ["http_reqs", ["count", "rate"]], ["http_req_failed", ["rate", "passes"]], ["http_req_duration", ["avg", "p(95)", "max"]],
  ["ws_sessions", ["count"]], ["ws_connecting", ["avg", "p(95)"]], ["ws_session_duration", ["avg", "max"]],
  ["ws_msgs_sent", ["count", "rate"]], ["ws_msgs_received", ["count", "rate"]], ["data_sent", ["count"]], ["data_received", ["count"]],
];

/** k6's own HTTP and WebSocket figures: [metric, "stat value, …"]. */
export function k6Rows(s: RunSummary): string[][] {
  const rows: string[][] = [];
  for (const [name, keys] of K6_FIGURES) {
    const m = s.metrics.get(name);
    if (!m) continue;
    const cells = keys.filter((k) => m.values[k] !== undefined).map((k) => `${k === "passes" ? "failed" : k} ${fmtStat(m, k, m.values[k]!)}`);
    rows.push([name, cells.join(", ")]);
  }
  return rows;
}

function k6Table(s: RunSummary): string | undefined {
  const rows = k6Rows(s);
  return rows.length === 0 ? undefined : mdTable(["Metric", "Value"], rows);
}

/** Warnings above the headline: an unfinished run, an untrusted load generator and its guard's warnings. */
export function runWarnings(run: RunInfo | undefined): string[] {
  const out: string[] = [];
  if (run?.status !== undefined && run.status !== "complete") {
    out.push(run.status === "incomplete" ? "> **Incomplete run**: it was interrupted before its end; figures cover only the part that ran."
      : `> **Run status "${run.status}"**: the run did not finish normally${run.exitCode === undefined ? "" : ` (exit code ${run.exitCode})`}.`);
  }
  const g = run?.generator;
  if (g?.trusted === false && g.warnings.length === 0 && g.unavailable !== undefined) {
    out.push(`> **Untrusted: load generator not monitored** (${g.unavailable.replace(/\r?\n/g, " ")}): nothing shows whether figures measure the generator or the server.`);
  } else if (g?.trusted === false) out.push("> **Untrusted: load generator saturated.** Latencies and rates may measure the generator, not the server.");
  for (const w of g?.warnings ?? []) out.push(`> Generator guard, ${w.kind}${w.firstAt ? ` from ${w.firstAt}` : ""}: ${w.message.replace(/\r?\n/g, " ")}`);
  return out;
}

/** The report.md text for a run summary (and, when given, the digest of its NDJSON metrics and its run.json). */
export function reportMarkdown(s: RunSummary, digest?: PointDigest, run?: RunInfo): string {
  const h = headline(s, digest);
  const passed = h.thresholds.filter((t) => t.ok).length;
  const verdict = h.verdict === "no thresholds" ? "**No thresholds defined**"
    : `**${h.verdict === "pass" ? "PASS" : "FAIL"}**: ${passed} of ${h.thresholds.length} thresholds passed`;
  const checkPasses = s.checks.reduce((n, c) => n + c.passes, 0);
  const checkTotal = s.checks.reduce((n, c) => n + c.passes + c.fails, 0);
  const facts = [checkTotal > 0 ? `checks ${checkPasses} of ${checkTotal} passed` : "no checks",
    ...(s.durationMs === undefined ? [] : [`test ran ${fmtMs(s.durationMs)}`])];
  const warnings = runWarnings(run);
  const title = `# finesse-load run report${run?.scenario ? `: ${run.scenario}` : ""}`;
  const out = [title, "", ...(warnings.length === 0 ? [] : [warnings.join("\n>\n"), ""]), `${verdict}; ${facts.join("; ")}.`, "", ...headlineLines(h), ""];
  if (h.thresholds.length > 0) {
    out.push("## Thresholds", "", mdTable(["Metric", "Threshold", "Observed", "Result"],
      h.thresholds.map((t) => [t.metric, t.expr, t.observed, t.ok ? "pass" : "**FAIL**"])), "");
  }
  if (h.knee) {
    out.push("## Capacity steps", "", mdTable(["Concurrent sessions", "Step thresholds", "Failed"],
      h.knee.steps.map((v) => [fmtNumber(v.sessions), v.ok ? "pass" : "**FAIL**", v.failed.join(", ") || DASH]), ["r", "l", "l"]), "");
  }
  const latency = latencyTable(s);
  out.push("## Phase latencies", "", latency ?? "No latency trends recorded.", "");
  out.push("## Errors", "", errorSection(s, digest), "");
  if (s.checks.length > 0) {
    out.push("## Checks", "", mdTable(["Check", "Passes", "Fails"],
      s.checks.map((c) => [c.group === "" ? c.name : `${c.group}::${c.name}`, String(c.passes), c.fails > 0 ? `**${c.fails}**` : "0"]),
      ["l", "r", "r"]), "");
  }
  const k6 = k6Table(s);
  if (k6) out.push("## k6 HTTP and WebSocket figures", "", k6, "");
  return out.join("\n");
}
