// Observability for runs on either engine: the Grafana dashboard over the catalogue metrics under
// k6's Prometheus remote-write names.
export { DASHBOARD_UID, dashboardJson, grafanaDashboard } from "./dashboard.ts";
export { promName, RUN_SELECTOR, TESTID_VARIABLE, TREND_STAT } from "./names.ts";
export { panelSpecs } from "./panels.ts";
export type { PanelSpec, Query, Unit } from "./panels.ts";
