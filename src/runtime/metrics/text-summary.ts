// The default end-of-test text summary of k6 v1+ (k6 docs, results-output/end-of-test):
// "█ THRESHOLDS" with ✓/✗ per expression and its value, "█ TOTAL RESULTS" with
// checks_total/checks_succeeded/checks_failed and the checks, then metric sections CUSTOM, HTTP,
// EXECUTION, NETWORK, WEBSOCKET (empty ones omitted). Compact mode omits the http_req_* sub-timings;
// `checks` and `group_duration` never appear as rows. Submetrics are indented under their parent.
import type { ValueType } from "../contracts.ts";
import { humanizeBytes, humanizePerSecond, humanizeRate, humanizeValue } from "./format.ts";
import type { CheckSummary, GroupSummary } from "./groups.ts";
import { BUILTIN_NAMES } from "./registry.ts";
import type { SummaryData, SummaryMetric } from "./summary-data.ts";
import { parseThresholdExpression } from "./threshold-parse.ts";
import type { ThresholdOutcome } from "./thresholds.ts";

export interface TextSummaryOptions {
  mode?: "compact" | "full";
  /** ANSI colours (k6 uses them unless noColor is set or stdout is not a TTY) */
  color?: boolean;
  /** threshold outcomes, to print the compared value next to each expression */
  outcomes?: readonly ThresholdOutcome[];
}

const SECTIONS = ["CUSTOM", "HTTP", "EXECUTION", "NETWORK", "WEBSOCKET"] as const;
type Section = (typeof SECTIONS)[number];
const EXECUTION = new Set(["iterations", "iteration_duration", "dropped_iterations", "vus", "vus_max"]);
const SKIPPED = new Set(["checks", "group_duration"]);
const COMPACT_HIDDEN = new Set(["http_req_blocked", "http_req_connecting", "http_req_receiving",
  "http_req_sending", "http_req_tls_handshaking", "http_req_waiting"]);

function sectionOf(name: string): Section | undefined {
  if (!BUILTIN_NAMES.has(name)) return "CUSTOM";
  if (name.startsWith("http_")) return "HTTP";
  if (EXECUTION.has(name)) return "EXECUTION";
  if (name === "data_sent" || name === "data_received") return "NETWORK";
  if (name.startsWith("ws_")) return "WEBSOCKET";
  return undefined;
}

interface Row {
  label: string;
  /** non-trend rows: first column and the rest; trend rows: one "stat=value" per stat */
  cells: string[];
  trend: boolean;
}

export function renderTextSummary(data: SummaryData, options: TextSummaryOptions = {}): string {
  const paint = (code: number, text: string): string => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const ok = (pass: boolean): string => (pass ? paint(32, "✓") : paint(31, "✗"));
  const unit = data.options.summaryTimeUnit;
  const out: string[] = [""];

  // THRESHOLDS
  const withThresholds = Object.entries(data.metrics).filter(([, m]) => m.thresholds).sort(([a], [b]) => (a < b ? -1 : 1));
  if (withThresholds.length > 0) {
    out.push("  █ THRESHOLDS ", "");
    for (const [name, m] of withThresholds) {
      out.push(`    ${name}`);
      for (const [expr, t] of Object.entries(m.thresholds!)) {
        out.push(`    ${ok(t.ok)} '${expr}'${thresholdValue(name, expr, m, options.outcomes, unit)}`);
      }
      out.push("");
    }
    out.push("");
  }

  // TOTAL RESULTS
  out.push("  █ TOTAL RESULTS ", "");
  const rows: Array<Row | string> = [];
  const checks = data.metrics.checks;
  if (checks) {
    const passes = checks.values.passes ?? 0;
    const fails = checks.values.fails ?? 0;
    const total = passes + fails;
    const seconds = data.state.testRunDurationMs / 1000;
    rows.push({ label: "checks_total", cells: [String(total), `${fixed6(seconds > 0 ? total / seconds : 0)}/s`], trend: false });
    rows.push({ label: "checks_succeeded", cells: [humanizeRate(total ? passes / total : 0), `${passes} out of ${total}`], trend: false });
    rows.push({ label: "checks_failed", cells: [humanizeRate(total ? fails / total : 0), `${fails} out of ${total}`], trend: false });
    rows.push("");
    const listed = options.mode === "full" ? data.root_group.checks : allChecks(data.root_group);
    for (const c of listed) rows.push(...checkLines(c, ok, "    "));
    if (listed.length > 0) rows.push("");
  }
  for (const section of SECTIONS) {
    const names = Object.keys(data.metrics).filter((n) => !n.includes("{") && !SKIPPED.has(n) && sectionOf(n) === section
      && !(options.mode !== "full" && COMPACT_HIDDEN.has(n))).sort();
    if (names.length === 0) continue;
    rows.push(section);
    for (const name of names) {
      rows.push(metricRow(name, data.metrics[name]!, unit));
      const subs = Object.keys(data.metrics).filter((n) => n.startsWith(name + "{")).sort();
      for (const sub of subs) rows.push(metricRow(`  { ${sub.slice(name.length + 1, -1)} }`, data.metrics[sub]!, unit));
    }
    rows.push("");
  }
  out.push(...layout(rows, paint));
  if (options.mode === "full") for (const g of data.root_group.groups) out.push(...groupBlock(g, ok, "  "));
  return out.join("\n") + "\n";
}

function fixed6(v: number): string {
  return String(parseFloat(v.toFixed(6)));
}

/** Every check of the tree; checks of the same name in different groups are added up. */
function allChecks(g: GroupSummary): CheckSummary[] {
  const byName = new Map<string, CheckSummary>();
  const walk = (n: GroupSummary): void => {
    for (const c of n.checks) {
      const known = byName.get(c.name);
      if (known) {
        known.passes += c.passes;
        known.fails += c.fails;
      } else byName.set(c.name, { ...c });
    }
    n.groups.forEach(walk);
  };
  walk(g);
  return [...byName.values()];
}

function checkLines(c: CheckSummary, ok: (pass: boolean) => string, indent: string): string[] {
  const lines = [`${indent}${ok(c.fails === 0)} ${c.name}`];
  if (c.fails > 0) {
    const pct = Math.floor((100 * c.passes) / (c.passes + c.fails));
    lines.push(`${indent}  ↳  ${pct}% — ✓ ${c.passes} / ✗ ${c.fails}`);
  }
  return lines;
}

function groupBlock(g: GroupSummary, ok: (pass: boolean) => string, indent: string): string[] {
  const lines = [`${indent}█ GROUP: ${g.name}`, ""];
  for (const c of g.checks) lines.push(...checkLines(c, ok, indent + "  "));
  if (g.checks.length > 0) lines.push("");
  for (const child of g.groups) lines.push(...groupBlock(child, ok, indent + "  "));
  return lines;
}

function metricRow(label: string, m: SummaryMetric, unit: string): Row {
  const v = m.values;
  switch (m.type) {
    case "counter":
      return { label, cells: [humanizeValue(v.count ?? 0, m.contains, unit), humanizePerSecond(v.rate ?? 0, m.contains)], trend: false };
    case "gauge":
      return { label, cells: [humanizeValue(v.value ?? 0, m.contains, unit),
        `min=${humanizeValue(v.min ?? 0, m.contains, unit)} max=${humanizeValue(v.max ?? 0, m.contains, unit)}`], trend: false };
    case "rate": {
      const passes = v.passes ?? 0;
      const total = passes + (v.fails ?? 0);
      return { label, cells: [humanizeRate(v.rate ?? 0), `${passes} out of ${total}`], trend: false };
    }
    case "trend":
      return { label, cells: Object.entries(v).map(([k, x]) => `${k}=${k === "count" ? String(x) : humanizeValue(x, m.contains, unit)}`), trend: true };
  }
}

function layout(rows: Array<Row | string>, paint: (code: number, text: string) => string): string[] {
  const labelWidth = Math.max(0, ...rows.map((r) => (typeof r === "string" ? 0 : r.label.length))) + 3;
  const firstWidth = Math.max(0, ...rows.map((r) => (typeof r === "string" || r.trend ? 0 : r.cells[0]!.length)));
  const trendWidths: number[] = [];
  for (const r of rows) {
    if (typeof r === "string" || !r.trend) continue;
    r.cells.forEach((c, i) => (trendWidths[i] = Math.max(trendWidths[i] ?? 0, c.length)));
  }
  return rows.map((r) => {
    if (typeof r === "string") return r === "" ? "" : r.startsWith(" ") ? r : `    ${r}`;
    const dots = paint(90, ".".repeat(labelWidth - r.label.length));
    const cells = r.trend
      ? r.cells.map((c, i) => paint(36, c.padEnd(trendWidths[i] ?? 0))).join(" ")
      : `${paint(36, r.cells[0]!.padEnd(firstWidth))} ${r.cells[1] ?? ""}`;
    return `    ${r.label}${dots}: ${cells}`.trimEnd();
  });
}

function thresholdValue(name: string, expr: string, m: SummaryMetric, outcomes: readonly ThresholdOutcome[] | undefined,
  unit: string): string {
  const parsed = parseThresholdExpression(expr);
  if (!parsed.ok) return "";
  const key = parsed.value.aggregationKey;
  const value = outcomes?.find((o) => o.metric === name && o.source === expr)?.value ?? m.values[key];
  if (value === undefined) return "";
  return ` ${key}=${formatAggregate(key, value, m.type === "rate" ? "rate" : m.contains, unit)}`;
}

function formatAggregate(key: string, value: number, contains: ValueType | "rate", unit: string): string {
  if (contains === "rate") return humanizeRate(value);
  if (key === "count" || key === "rate") return contains === "data" ? humanizeBytes(value) : fixed6(value);
  return humanizeValue(value, contains, unit);
}
