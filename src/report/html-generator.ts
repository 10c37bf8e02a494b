// The load generator's health in report.html: its guard's warnings, and CPU, memory, open files,
// TCP sockets and event-loop lag over the run (run.json "generator").
import type { XY } from "./chart-data.ts";
import { esc } from "./html-escape.ts";
import type { GeneratorInfo, GeneratorSampleInfo } from "./run-info.ts";
import { lineChart, type LineSeries } from "./svg-chart.ts";

/** The banner and warning list shown at the top of the report; "" when the generator was healthy. */
export function generatorBanners(g: GeneratorInfo | undefined): string {
  if (!g) return "";
  const out: string[] = [];
  if (g.trusted === false && g.warnings.length === 0 && g.unavailable !== undefined) {
    out.push(`<div class="banner bad" id="untrusted"><strong>Untrusted: load generator not monitored.</strong> The guard could not sample it (${esc(g.unavailable)}); nothing shows whether latencies and rates below measure the generator or the server.</div>`);
  } else if (g.trusted === false) {
    const raised = g.warnings.length === 0 ? "marked the run" : `raised ${g.warnings.length} warning${g.warnings.length === 1 ? "" : "s"}`;
    out.push(`<div class="banner bad" id="untrusted"><strong>Untrusted: load generator saturated.</strong> The guard ${raised}; latencies and rates below may measure the generator, not the server.</div>`);
  }
  if (g.warnings.length > 0) {
    const items = g.warnings.map((w) => `<li><strong>${esc(w.kind)}</strong>${w.firstAt ? ` from ${esc(w.firstAt)}` : ""}: ${esc(w.message)}</li>`);
    out.push(`<div class="banner warn" id="guard-warnings"><strong>Generator guard warnings</strong><ul>${items.join("")}</ul></div>`);
  }
  return out.join("");
}

type Field = keyof Omit<GeneratorSampleInfo, "tMs">;

export function generatorCharts(g: GeneratorInfo | undefined): string {
  if (!g) return `<p class="none">Generator health: not recorded (run.json has no "generator").</p>`;
  if (g.samples.length === 0) return `<p class="none">Generator health: not recorded${g.unavailable ? ` (${esc(g.unavailable)})` : " (no samples)"}.</p>`;
  const t0 = Math.min(...g.samples.map((s) => s.tMs));
  const span = (Math.max(...g.samples.map((s) => s.tMs)) - t0) / 1000;
  const div = span > 600 ? 60 : 1;
  const x = { label: `time since first sample (${div === 60 ? "min" : "s"})`, min: 0 };
  const pts = (f: Field, scale = 1): XY[] => g.samples.flatMap((s) => {
    const v = s[f];
    return v === undefined ? [] : [{ x: (s.tMs - t0) / 1000 / div, y: v / scale }];
  });
  const last = (f: Field): number | undefined => g.samples.map((s) => s[f]).filter((v) => v !== undefined).at(-1);
  const charts: string[] = [];
  const add = (id: string, title: string, yLabel: string, series: LineSeries[], rules: Array<{ y: number; label: string }> = [], yMax?: number): void => {
    const drawn = series.filter((s) => s.points.length > 0);
    if (drawn.length === 0) return;
    // a limit far above the data would flatten it: named in a note instead
    const top = Math.max(...drawn.flatMap((s) => s.points.map((p) => p.y)));
    const near = rules.filter((r) => yMax !== undefined || r.y <= 2 * top);
    const far = rules.filter((r) => !near.includes(r)).map((r) => r.label);
    const note = far.length === 0 ? {} : { note: `${far.join("; ")} (above the chart)` };
    charts.push(lineChart({ id, title, x, y: { label: yLabel, min: 0, ...(yMax === undefined ? {} : { max: yMax }) }, series: drawn, rules: near, ...note }));
  };
  add("gen-cpu", "Generator CPU", "CPU of the machine (%)", [{ name: "CPU", points: pts("cpuPercent") }], [{ y: 80, label: "80 % guard limit" }], 100);
  add("gen-rss", "Generator memory", "RSS (MB)", [{ name: "RSS", points: pts("rssBytes", 1e6) }]);
  const fdLimit = last("fdLimit");
  add("gen-fds", "Generator open files", "file descriptors", [{ name: "open files", points: pts("fds") }],
    fdLimit === undefined ? [] : [{ y: fdLimit, label: `limit ${fdLimit}` }]);
  const ports = last("portRange");
  add("gen-tcp", "Generator TCP sockets", "sockets to the busiest destination", [{ name: "TCP sockets", points: pts("tcpSockets") }],
    ports === undefined ? [] : [{ y: ports, label: `ephemeral ports ${ports}` }]);
  add("gen-lag", "Generator event-loop lag", "event-loop delay p99 (ms)", [{ name: "lag p99", points: pts("eventLoopLagP99Ms") }],
    [{ y: 100, label: "100 ms guard limit" }]);
  return `<div class="grid">${charts.join("")}</div>`;
}
