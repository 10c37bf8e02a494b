// report.html of one run: a single self-contained page (inline CSS and SVG, no script, no external
// resource) with the headline, the charts and the tables of report.md.
import { timeAxis, capacityCharts, stepLatencySlo, errorCharts, eventLatencyCharts, failoverChart, phaseCharts, sessionsCharts } from "./html-charts.ts";
import { generatorBanners, generatorCharts } from "./html-generator.ts";
import { esc } from "./html-escape.ts";
import { REPORT_CSS } from "./html-style.ts";
import { fmtBytes, fmtMs, fmtNumber, fmtPercent } from "./format.ts";
import { headline, type Headline } from "./headline.ts";
import { kneeText } from "./knee.ts";
import { errorRows, errorTotals, k6Rows, LATENCY_HEADER, latencyRows } from "./report-md.ts";
import type { PointDigest } from "./points.ts";
import type { RunInfo } from "./run-info.ts";
import type { RunSummary } from "./summary.ts";
import type { Timeline } from "./timeline.ts";

const NONE = "not recorded";

export function htmlTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, cls = ""): string {
  const head = `<tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  return `<table${cls ? ` class="${cls}"` : ""}><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function runFacts(run: RunInfo | undefined, s: RunSummary): string {
  const r = run;
  const engine = r?.engine ? [r.engine.name, r.engine.version].filter((v) => v !== undefined).join(" ") : undefined;
  const hostValue = (k: string, v: unknown): string =>
    typeof v === "number" && /bytes$/i.test(k) ? fmtBytes(v) : typeof v === "string" ? v : JSON.stringify(v);
  const host = r?.host ? Object.entries(r.host).map(([k, v]) => `${k} ${hostValue(k, v)}`).join(", ") : undefined;
  const rows: Array<[string, string | undefined]> = [
    ["Scenario", r?.scenario], ["Status", r?.status === undefined ? undefined : `${r.status}${r.exitCode === undefined ? "" : ` (exit code ${r.exitCode})`}`],
    ["Engine", engine], ["Started", r?.startedAt], ["Ended", r?.endedAt],
    ["Test duration", s.durationMs === undefined ? undefined : fmtMs(s.durationMs)],
    ["Bundle sha256", r?.bundleSha256], ["Git commit", r?.gitCommit], ["Host", host],
  ];
  const dl = rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd${v === undefined ? ' class="none"' : ""}>${esc(v ?? NONE)}</dd>`).join("");
  const config = r?.config === undefined ? "" : `<details><summary>Configuration (secrets masked)</summary><pre>${esc(JSON.stringify(r.config, null, 2))}</pre></details>`;
  return `<dl class="facts">${dl}</dl>${config}${run ? "" : `<p class="none">run.json: ${NONE} (the report was made from a summary file alone).</p>`}`;
}

function statusBanner(run: RunInfo | undefined): string {
  if (!run?.status || run.status === "complete") return "";
  const what = run.status === "incomplete" ? "Incomplete run: it was interrupted before its end; figures cover only the part that ran."
    : `Run status "${run.status}": the run did not finish normally${run.exitCode === undefined ? "" : ` (exit code ${run.exitCode})`}.`;
  return `<div class="banner bad" id="status">${esc(what)}</div>`;
}

function figures(h: Headline): string {
  const ratio = (r: Headline["loginSuccess"]): string => (r ? `${fmtPercent(r.rate)} (${r.passes} of ${r.total})` : NONE);
  const failed = h.sessionsFailed ? `, ${fmtNumber(h.sessionsFailed)} failed` : "";
  const roles = h.eventLatencyP95.map((l) => `${l.role} ${fmtMs(l.p95)}`).join(", ");
  const items: Array<[string, string]> = [
    ["Sessions reached", h.sessionsOpened === undefined ? NONE : `${fmtNumber(h.sessionsOpened)}${failed}`],
    ["Login success", ratio(h.loginSuccess)], ["Event delivery", ratio(h.delivery)],
    ["Time to ready p95", h.timeToReadyP95 === undefined ? NONE : fmtMs(h.timeToReadyP95)],
    ["Event latency p95 by role", roles === "" ? NONE : roles], ["Knee", kneeText(h.knee)],
  ];
  return `<dl class="figures">${items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join("")}</dl>`;
}

function headlineSection(h: Headline, s: RunSummary): string {
  const passed = h.thresholds.filter((t) => t.ok).length;
  const verdict = h.verdict === "no thresholds" ? `<p class="verdict none" id="verdict">No thresholds defined</p>`
    : `<p class="verdict ${h.verdict}" id="verdict">${h.verdict === "pass" ? "PASS" : "FAIL"}: ${passed} of ${h.thresholds.length} thresholds passed</p>`;
  const checks = s.checks.reduce((n, c) => n + c.passes + c.fails, 0);
  const checkLine = checks === 0 ? "no checks" : `checks ${s.checks.reduce((n, c) => n + c.passes, 0)} of ${checks} passed`;
  const rows = h.thresholds.map((t) => `<tr class="${t.ok ? "pass" : "fail"}"><td>${esc(t.metric)}</td><td>${esc(t.expr)}</td><td>${esc(t.observed)}</td><td class="result">${t.ok ? "pass" : "FAIL"}</td></tr>`);
  const table = h.thresholds.length === 0 ? "" : `<table id="thresholds"><thead><tr><th>Metric</th><th>Threshold</th><th>Observed</th><th>Result</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
  return `<section id="headline"><h2>Headline</h2>${verdict}<p>${esc(checkLine)}.</p>${figures(h)}${table}</section>`;
}

/** One row per step: its verdict (summary) and the figures of its samples (metrics file), whichever are known. */
function stepTable(h: Headline, t: Timeline | undefined): string {
  const verdicts = new Map((h.knee?.steps ?? []).map((v) => [v.sessions, v]));
  const sessions = [...new Set([...verdicts.keys(), ...(t?.steps.keys() ?? [])])].sort((a, b) => a - b);
  if (sessions.length === 0) return "";
  const ms = (v: number | undefined): string => (v === undefined ? "—" : fmtMs(v));
  const share = (ok: number, total: number): string => (total === 0 ? "—" : `${fmtPercent((total - ok) / total)} of ${fmtNumber(total)}`);
  const rows = sessions.map((n) => {
    const v = verdicts.get(n);
    const f = t?.steps.get(n);
    return [fmtNumber(n), v === undefined ? "—" : v.ok ? "pass" : "FAIL", v?.failed.join(", ") || "—",
      ms(f?.eventLatency.percentile(95)), ms(f?.timeToReady.percentile(95)),
      f ? share(f.loginOk, f.loginTotal) : "—", f ? share(f.deliveryOk, f.deliveryTotal) : "—"];
  });
  return htmlTable(["Concurrent sessions", "Step thresholds", "Failed", "Event latency p95", "Time to ready p95", "Logins failed", "Events not delivered"], rows);
}

function section(id: string, title: string, body: string, intro = ""): string {
  return body === "" ? "" : `<section id="${id}"><h2>${esc(title)}</h2>${intro ? `<p class="intro">${esc(intro)}</p>` : ""}${body}</section>`;
}

/** The report.html text for a run: its summary, the digest of its NDJSON metrics and its run.json, when given. */
export function reportHtml(s: RunSummary, digest?: PointDigest, run?: RunInfo): string {
  const h = headline(s, digest);
  const t = digest?.timeline;
  const ax = t ? timeAxis(t) : undefined;
  const noPoints = `<p class="none">${esc(digest ? "The metrics file holds no points." : "Time series: not recorded (no metrics.ndjson.gz; k6 writes it with --out json=metrics.ndjson.gz).")}</p>`;
  const errors = errorRows(s, digest);
  const totals = errorTotals(s);
  const errorTable = errors.length === 0 ? "" : htmlTable(["Metric", "Kind", "Condition", "Count"], errors.map((e) => [e.metric, e.kind || "—", e.condition || "—", fmtNumber(e.count)]));
  const latency = latencyRows(s);
  const k6 = k6Rows(s);
  const title = `finesse-load report${run?.scenario ? `: ${run.scenario}` : ""}`;
  const body = [
    `<header><h1>${esc(title)}</h1></header>`,
    statusBanner(run), generatorBanners(run?.generator),
    headlineSection(h, s),
    section("run", "Run", runFacts(run, s)),
    section("sessions", "Sessions and logins", t && ax ? `${sessionsCharts(t, ax)}<p class="note">Time 0 on the time axes is the first sample, ${esc(new Date(t.startMs!).toISOString())}.</p>` : noPoints,
      "Sessions open at the end of each bucket (ready minus closed) and k6's VUs; sessions reaching ready and logins failing per second."),
    section("phases", "Session-setup phases over time", t && ax ? phaseCharts(t, ax) : noPoints,
      "Percentiles of each phase per bucket: a rising p99 with a flat p50 points at queueing on a few connections; all three rising, at the server."),
    section("event-latency", "Event latency distribution", t ? eventLatencyCharts(t) : noPoints,
      "REST request to the matching event at each subscriber, by role and node. The CDF reads as: y % of events arrived within x ms."),
    section("capacity", "Capacity steps", t ? capacityCharts(t, h.knee, stepLatencySlo(s)) + stepTable(h, t) : stepTable(h, undefined),
      "Latency p95 and error rates of the samples taken in each step, against the step's concurrent sessions; the knee is the first step whose thresholds failed."),
    section("failover", "Failover", t && ax ? failoverChart(t, ax, run?.scenario) : "",
      "Sessions lost (by cause), reconnect attempts, recoveries to ready and forced logouts per bucket."),
    section("errors", "Errors", `<p>Totals: ${esc(totals.length === 0 ? "no error counter recorded a sample" : totals.join(", "))}.</p>${errorCharts(errors, t, ax)}${errorTable}`),
    section("generator", "Load generator health", generatorCharts(run?.generator)),
    section("latencies", "Phase latencies", latency.length === 0 ? `<p class="none">No latency trends recorded.</p>` : htmlTable(LATENCY_HEADER, latency, "num")),
    s.checks.length === 0 ? "" : section("checks", "Checks", htmlTable(["Check", "Passes", "Fails"],
      s.checks.map((c) => [c.group === "" ? c.name : `${c.group}::${c.name}`, String(c.passes), String(c.fails)]), "num")),
    k6.length === 0 ? "" : section("k6", "k6 HTTP and WebSocket figures", htmlTable(["Metric", "Value"], k6)),
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body>${body.join("\n")}</body></html>
`;
}
