// The Grafana dashboard (Grafana docs, "JSON model") for both engines: k6 runs remote-write their
// metrics to Prometheus (-o experimental-prometheus-rw), embedded runs are scraped from
// `--out prometheus=HOST:PORT`; both use k6's series names, so the same queries read either.
// A `datasource` variable picks the Prometheus data source on import; a `testid` variable picks
// runs by their testid tag (all runs by default, tagged or not).
import { TESTID_VARIABLE } from "./names.ts";
import { panelSpecs, type PanelSpec } from "./panels.ts";

export const DASHBOARD_UID = "finesse-load";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const DATASOURCE = { type: "prometheus", uid: "${datasource}" };

function panel(p: PanelSpec, id: number, x: number, y: number): Json {
  return {
    id,
    type: "timeseries",
    title: p.title,
    description: p.description,
    datasource: DATASOURCE,
    gridPos: { h: 8, w: p.width, x, y },
    fieldConfig: {
      defaults: {
        unit: p.unit,
        ...(p.unit === "percentunit" ? { min: 0, max: 1 } : { min: 0 }),
        custom: { lineWidth: 1, fillOpacity: 10, showPoints: "never", spanNulls: true },
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: "list", placement: "bottom", showLegend: true },
      tooltip: { mode: "multi", sort: "desc" },
    },
    targets: p.queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: DATASOURCE,
      expr: q.expr,
      legendFormat: q.legend,
      range: true,
    })),
  };
}

export function grafanaDashboard(): Json {
  const panels: Json[] = [];
  let x = 0;
  let y = 0;
  panelSpecs().forEach((p, i) => {
    if (x + p.width > 24) {
      x = 0;
      y += 8;
    }
    panels.push(panel(p, i + 1, x, y));
    x += p.width;
  });
  return {
    title: "finesse-load",
    uid: DASHBOARD_UID,
    description: "Virtual Finesse agents: sessions, logins, phase and event latencies, delivery, errors, failover and capacity steps (k6 remote write or the embedded runtime's /metrics)",
    tags: ["finesse-load", "k6"],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: "10s",
    time: { from: "now-30m", to: "now" },
    timepicker: {},
    timezone: "utc",
    annotations: { list: [] },
    templating: {
      list: [{
        name: "datasource",
        label: "Prometheus",
        type: "datasource",
        query: "prometheus",
        current: {},
        hide: 0,
        refresh: 1,
        regex: "",
        options: [],
      }, {
        name: TESTID_VARIABLE,
        label: "Run (testid tag)",
        type: "query",
        datasource: DATASOURCE,
        query: { query: `label_values(${TESTID_VARIABLE})`, refId: "testid" },
        definition: `label_values(${TESTID_VARIABLE})`,
        includeAll: true,
        allValue: ".*",
        multi: true,
        current: { selected: true, text: ["All"], value: ["$__all"] },
        refresh: 2,
        sort: 1,
        hide: 0,
        regex: "",
        options: [],
      }],
    },
    panels,
  };
}

/** The checked-in file's text. */
export function dashboardJson(): string {
  return `${JSON.stringify(grafanaDashboard(), null, 2)}\n`;
}
