// The checked-in dashboard is the generator's output, and its queries only name catalogue metrics
// under k6's remote-write names and only group by their tags.
// After a catalogue change: FINESSE_WRITE_DASHBOARD=1 node --import tsx --test src/observe/dashboard.test.ts
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { METRICS } from "../metrics/index.ts";
import { dashboardJson, grafanaDashboard } from "./index.ts";

const FILE = join(import.meta.dirname, "grafana-dashboard.json");

interface Target { refId: string; expr: string; datasource: { uid: string } }
interface Panel { id: number; title: string; targets: Target[]; datasource: { uid: string }; gridPos: { x: number; y: number; w: number; h: number } }
const dashboard = grafanaDashboard() as unknown as { panels: Panel[]; templating: { list: Array<{ name: string; type: string; query: string }> } };
const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));

/** k6 experimental-prometheus-rw names with the default trend stat p(99), restated from k6's docs. */
const K6_NAMES = new Map<string, { name: string; tags: readonly string[] }>(METRICS.map((m) => {
  const suffix = { counter: "_total", rate: "_rate", gauge: "", trend: "_p99" }[m.kind];
  return [`k6_${m.name}${suffix}`, m];
}));

test("grafana-dashboard.json is the generator's output", () => {
  if (process.env.FINESSE_WRITE_DASHBOARD === "1") writeFileSync(FILE, dashboardJson());
  assert.equal(readFileSync(FILE, "utf8"), dashboardJson(),
    "src/observe/grafana-dashboard.json is out of date: FINESSE_WRITE_DASHBOARD=1 node --import tsx --test src/observe/dashboard.test.ts");
});

test("every metric a query names is a catalogue metric under k6's name, grouped only by its own tags", () => {
  const problems: string[] = [];
  for (const expr of exprs) {
    const names = [...expr.matchAll(/\b(k6_[A-Za-z0-9_]+)\b/g)].map((m) => m[1]!);
    if (names.length === 0) problems.push(`${expr}: names no k6 metric`);
    for (const name of names) {
      const spec = K6_NAMES.get(name);
      if (!spec) {
        problems.push(`${expr}: ${name} is not a catalogue metric under k6's naming`);
        continue;
      }
      for (const m of expr.matchAll(/\bby \(([^)]*)\)/g)) {
        for (const label of m[1]!.split(",").map((l) => l.trim())) {
          if (!spec.tags.includes(label)) problems.push(`${expr}: groups by "${label}", which ${spec.name} does not carry`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});

test("every series a query reads is filtered by the testid variable (all runs by default)", () => {
  for (const expr of exprs) {
    const refs = [...expr.matchAll(/\bk6_[A-Za-z0-9_]+(\{[^}]*\})?/g)];
    for (const r of refs) assert.equal(r[1], '{testid=~"$testid"}', expr);
  }
  const testid = dashboard.templating.list[1] as unknown as { includeAll: boolean; allValue: string; multi: boolean };
  assert.deepEqual([testid.includeAll, testid.allValue, testid.multi], [true, ".*", true]);
});

test("every catalogue metric is on the dashboard", () => {
  const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(k6_[A-Za-z0-9_]+)\b/g)].map((m) => K6_NAMES.get(m[1]!)?.name)));
  assert.deepEqual(METRICS.map((m) => m.name).filter((n) => !used.has(n)), []);
});

test("panels for sessions, logins, phases, event latency, delivery, errors, reconnects and capacity steps, on the $datasource variable", () => {
  const titles = dashboard.panels.map((p) => p.title).join("\n");
  for (const topic of [/Sessions/, /Login success/, /phases p99/, /Event latency p99 by role and node/, /Event delivery/, /Event losses/, /Errors by kind and condition/, /Reconnects and forced logouts/, /Capacity steps/]) {
    assert.match(titles, topic);
  }
  assert.deepEqual(dashboard.templating.list.map((v) => [v.name, v.type]), [["datasource", "datasource"], ["testid", "query"]]);
  assert.equal(dashboard.templating.list[0]!.query, "prometheus");
  for (const p of dashboard.panels) {
    assert.equal(p.datasource.uid, "${datasource}", p.title);
    assert.ok(p.targets.length > 0, `${p.title} has queries`);
    for (const t of p.targets) assert.equal(t.datasource.uid, "${datasource}", p.title);
    assert.equal(new Set(p.targets.map((t) => t.refId)).size, p.targets.length, `${p.title}: refIds unique`);
  }
});

test("panels have unique ids and do not overlap on the 24-column grid", () => {
  const panels = dashboard.panels;
  assert.equal(new Set(panels.map((p) => p.id)).size, panels.length);
  for (const [i, a] of panels.entries()) {
    assert.ok(a.gridPos.x + a.gridPos.w <= 24, a.title);
    for (const b of panels.slice(i + 1)) {
      const apart = a.gridPos.x + a.gridPos.w <= b.gridPos.x || b.gridPos.x + b.gridPos.w <= a.gridPos.x
        || a.gridPos.y + a.gridPos.h <= b.gridPos.y || b.gridPos.y + b.gridPos.h <= a.gridPos.y;
      assert.ok(apart, `${a.title} overlaps ${b.title}`);
    }
  }
});
