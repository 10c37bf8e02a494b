// The default end-of-test text summary of k6 v1+ (k6 docs, results-output/end-of-test):
// "█ THRESHOLDS" with ✓/✗ per expression and its value, "█ TOTAL RESULTS" with
// checks_total/checks_succeeded/checks_failed and the checks, then metric sections CUSTOM (first),
// HTTP, EXECUTION, NETWORK, WEBSOCKET (empty ones omitted). Compact mode omits the http_req_*
// sub-timings; `checks` and `group_duration` never appear as rows. Full mode adds a block per group.
import type { CheckSummary, GroupSummary } from "./groups.ts";
import { BUILTIN_NAMES } from "./registry.ts";
import type { SummaryData } from "./summary-data.ts";
import { compareMetricNames, formatValue, layout, metricRow, type Paint, type Row } from "./text-layout.ts";
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
const EXECUTION = new Set(["iterations", "iteration_duration", "dropped_iterations", "vus", "vus_max"]);
const SKIPPED = new Set(["checks", "group_duration"]);
const COMPACT_HIDDEN = new Set(["http_req_blocked", "http_req_connecting", "http_req_receiving",
  "http_req_sending", "http_req_tls_handshaking", "http_req_waiting"]);

function sectionOf(name: string): string | undefined {
  if (!BUILTIN_NAMES.has(name)) return "CUSTOM";
  if (name.startsWith("http_")) return "HTTP";
  if (EXECUTION.has(name)) return "EXECUTION";
  if (name === "data_sent" || name === "data_received") return "NETWORK";
  if (name.startsWith("ws_")) return "WEBSOCKET";
  return undefined;
}

const parentOf = (name: string): string => name.split("{", 1)[0]!;

export function renderTextSummary(data: SummaryData, options: TextSummaryOptions = {}): string {
  const paint: Paint = (codes, text) => (options.color ? `\x1b[${codes}m${text}\x1b[0m` : text);
  const title = (prefix: string, text: string): string => `${prefix} ${paint("1", text)} `;
  const unit = data.options.summaryTimeUnit;
  const out: string[] = [""];

  // THRESHOLDS: a submetric whose parent also has thresholds is shown as its selector under it
  const names = Object.keys(data.metrics).filter((n) => data.metrics[n]!.thresholds).sort(compareMetricNames);
  if (names.length > 0) {
    out.push("  " + title("█", "THRESHOLDS"), "");
    for (const name of names) {
      const m = data.metrics[name]!;
      const nested = name !== parentOf(name) && names.includes(parentOf(name));
      const indent = nested ? "      " : "    ";
      out.push(indent + (nested ? name.slice(parentOf(name).length) : name));
      for (const [expr, t] of Object.entries(m.thresholds!)) {
        const mark = t.ok ? paint("32", "✓") : paint("31", "✗");
        out.push(`${indent}${mark} ${paint("37", `'${expr}'`)}${thresholdValue(name, expr, data, options.outcomes, paint)}`);
      }
      out.push("");
    }
    out.push("");
  }

  // TOTAL RESULTS
  out.push("  " + title("█", "TOTAL RESULTS"), "");
  // checks and metric rows share their column widths
  const rows: Array<Row | string> = [];
  const checks = data.metrics.checks;
  if (checks) {
    const passes = checks.values.passes ?? 0;
    const fails = checks.values.fails ?? 0;
    const total = passes + fails;
    const seconds = data.state.testRunDurationMs / 1000;
    const rate = (x: number): string => formatValue(total ? x / total : 0, "rate", "default", unit);
    rows.push(
      { label: "checks_total", trend: false, cells: [String(total), `${fixed6(seconds > 0 ? total / seconds : 0)}/s`] },
      { label: "checks_succeeded", trend: false, cells: [rate(passes), `${passes} out of ${total}`] },
      { label: "checks_failed", trend: false, cells: [rate(fails), `${fails} out of ${total}`] },
      "",
    );
    const listed = options.mode === "full" ? data.root_group.checks : allChecks(data.root_group);
    for (const c of listed) rows.push(...checkLines(c, paint, "    "));
    if (listed.length > 0) rows.push("");
  }
  for (const section of SECTIONS) {
    const inSection = Object.keys(data.metrics).filter((n) => {
      const parent = parentOf(n);
      return !SKIPPED.has(parent) && sectionOf(parent) === section && data.metrics[parent] !== undefined
        && !(options.mode !== "full" && COMPACT_HIDDEN.has(parent));
    }).sort(compareMetricNames);
    if (inSection.length === 0) continue;
    rows.push(`    ${paint("1", section)}`);
    for (const n of inSection) {
      const label = n === parentOf(n) ? n : `  { ${n.slice(parentOf(n).length + 1, -1)} }`;
      rows.push(metricRow(label, data.metrics[n]!, unit));
    }
    rows.push("");
  }
  out.push(...layout(rows, paint));
  if (options.mode === "full") {
    const groups = [...data.root_group.groups].sort((a, b) => a.name.localeCompare(b.name));
    for (const g of groups) out.push("", ...groupBlock(g, paint, "  ", title));
  }
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

function checkLines(c: CheckSummary, paint: Paint, indent: string): string[] {
  if (c.fails === 0) return [indent + paint("32", `✓ ${c.name}`)];
  const pct = Math.floor((100 * c.passes) / (c.passes + c.fails));
  return [indent + paint("31", `✗ ${c.name}`), `${indent}  ${paint("31", `↳  ${pct}% — ✓ ${c.passes} / ✗ ${c.fails}`)}`];
}

function groupBlock(g: GroupSummary, paint: Paint, indent: string, title: (p: string, t: string) => string, nested = false): string[] {
  const lines = [indent + title(nested ? "↳" : "█", `GROUP: ${g.name}`), ""];
  for (const c of g.checks) lines.push(...checkLines(c, paint, indent + "  "));
  if (g.checks.length > 0) lines.push("");
  const children = [...g.groups].sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) lines.push(...groupBlock(child, paint, indent + "  ", title, true));
  return lines;
}

function thresholdValue(name: string, expr: string, data: SummaryData, outcomes: readonly ThresholdOutcome[] | undefined,
  paint: Paint): string {
  const parsed = parseThresholdExpression(expr);
  const m = data.metrics[name]!;
  if (!parsed.ok) return "";
  const key = parsed.value.aggregationKey;
  const value = outcomes?.find((o) => o.metric === name && o.source === expr)?.value ?? m.values[key];
  if (value === undefined) return "";
  const shown = m.type === "counter" && key === "rate"
    ? metricRow("", { ...m, values: { count: 0, rate: value } }, data.options.summaryTimeUnit).cells[1]!
    : key === "count" ? fixed6(value) : formatValue(value, m.type, m.contains, data.options.summaryTimeUnit);
  return ` ${paint("37", key)}=${paint("36", shown)}`;
}
