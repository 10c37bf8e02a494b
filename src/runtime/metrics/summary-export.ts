// `--summary-export=FILE` (k6 docs, using-k6/k6-options/reference#summary-export): the
// handleSummary object without `options` and `state`, each metric flattened to its values,
// Rate `rate` renamed `value`, thresholds as { expr: true-if-FAILED }, groups and checks as
// objects keyed by name; pretty-printed with a 4-space indent.
import type { CheckSummary, GroupSummary } from "./groups.ts";
import type { SummaryData } from "./summary-data.ts";

export interface ExportGroup {
  name: string;
  path: string;
  id: string;
  groups: Record<string, ExportGroup>;
  checks: Record<string, CheckSummary>;
}

export interface ExportData {
  root_group: ExportGroup;
  metrics: Record<string, Record<string, number | Record<string, boolean>>>;
  setup_data?: unknown;
}

function exportGroup(g: GroupSummary): ExportGroup {
  const groups: Record<string, ExportGroup> = {};
  for (const child of g.groups) groups[child.name] = exportGroup(child);
  const checks: Record<string, CheckSummary> = {};
  for (const c of g.checks) checks[c.name] = { ...c };
  return { name: g.name, path: g.path, id: g.id, groups, checks };
}

export function summaryExportObject(data: SummaryData): ExportData {
  const metrics: ExportData["metrics"] = {};
  for (const [name, m] of Object.entries(data.metrics)) {
    const flat: Record<string, number | Record<string, boolean>> = { ...m.values };
    if (m.type === "rate" && "rate" in flat) {
      flat.value = flat.rate!;
      delete flat.rate;
    }
    if (m.thresholds && Object.keys(m.thresholds).length > 0) {
      const inverted: Record<string, boolean> = {};
      for (const [expr, t] of Object.entries(m.thresholds)) inverted[expr] = !t.ok;
      flat.thresholds = inverted;
    }
    metrics[name] = flat;
  }
  const out: ExportData = { root_group: exportGroup(data.root_group), metrics };
  if ("setup_data" in data) out.setup_data = data.setup_data;
  return out;
}

/** The text k6 writes to the --summary-export file. */
export function summaryExportJson(data: SummaryData): string {
  return JSON.stringify(summaryExportObject(data), null, 4);
}
