// Inline SVG charts (SVG 1.1: path, line, rect, text, title): line and step charts on linear axes
// and horizontal bar charts. Every chart carries data-chart and data-points (the number of data
// marks drawn) so a browser test can tell an empty chart from a drawn one.
import type { XY } from "./chart-data.ts";
import { fmtNumber } from "./format.ts";
import { esc } from "./html-escape.ts";
import { niceTicks, tickLabel } from "./svg-axis.ts";

/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

export interface Axis {
  /** the axis title with its unit, e.g. "latency (ms)" */
  label: string;
  min?: number;
  max?: number;
}

export interface LineSeries {
  name: string;
  points: XY[];
  dashed?: boolean;
  /** draw horizontal steps between points (histograms) instead of straight segments */
  stepped?: boolean;
}

export interface LineChartSpec {
  id: string;
  title: string;
  x: Axis;
  y: Axis;
  series: LineSeries[];
  /** vertical markers, e.g. the knee */
  marks?: Array<{ x: number; label: string }>;
  /** horizontal reference lines, e.g. an SLO */
  rules?: Array<{ y: number; label: string }>;
  note?: string;
}

const W = 640;
const H = 260;
const M = { l: 60, r: 16, t: 14, b: 42 };
const PW = W - M.l - M.r;
const PH = H - M.t - M.b;
const r1 = (v: number): string => String(Math.round(v * 10) / 10);

function legend(series: ReadonlyArray<{ name: string; dashed?: boolean }>): string {
  if (series.length < 2) return "";
  const items = series.map((s, i) => `<li><span class="swatch${s.dashed ? " dashed" : ""}" style="border-color:${PALETTE[i % PALETTE.length]}"></span>${esc(s.name)}</li>`);
  return `<ul class="legend">${items.join("")}</ul>`;
}

function figure(id: string, title: string, svg: string, after: string, note: string | undefined): string {
  return `<figure class="chart" id="chart-${esc(id)}"><figcaption>${esc(title)}</figcaption>${svg}${after}${note ? `<p class="note">${esc(note)}</p>` : ""}</figure>`;
}

export function lineChart(c: LineChartSpec): string {
  const all = c.series.flatMap((s) => s.points);
  const xMin = c.x.min ?? Math.min(...all.map((p) => p.x), ...(c.marks ?? []).map((m) => m.x));
  const xMax = c.x.max ?? Math.max(...all.map((p) => p.x), ...(c.marks ?? []).map((m) => m.x));
  const yMin = c.y.min ?? Math.min(0, ...all.map((p) => p.y));
  const yMax = c.y.max ?? Math.max(...all.map((p) => p.y), ...(c.rules ?? []).map((r) => r.y));
  const xt = niceTicks(all.length === 0 ? 0 : xMin, all.length === 0 ? 1 : xMax, 6);
  const yt = niceTicks(all.length === 0 ? 0 : yMin, all.length === 0 ? 1 : yMax, 5);
  const x0 = xt[0]!;
  const x1 = xt.at(-1)!;
  const y0 = yt[0]!;
  const y1 = yt.at(-1)!;
  const sx = (x: number): number => M.l + ((x - x0) / (x1 - x0)) * PW;
  const sy = (y: number): number => M.t + PH - ((y - y0) / (y1 - y0)) * PH;
  const parts: string[] = [];
  for (const t of yt) {
    parts.push(`<line class="grid" x1="${M.l}" x2="${W - M.r}" y1="${r1(sy(t))}" y2="${r1(sy(t))}"/>`,
      `<text class="tick" x="${M.l - 6}" y="${r1(sy(t) + 4)}" text-anchor="end">${esc(tickLabel(t))}</text>`);
  }
  for (const t of xt) {
    parts.push(`<line class="tickmark" x1="${r1(sx(t))}" x2="${r1(sx(t))}" y1="${M.t + PH}" y2="${M.t + PH + 4}"/>`,
      `<text class="tick" x="${r1(sx(t))}" y="${M.t + PH + 16}" text-anchor="middle">${esc(tickLabel(t))}</text>`);
  }
  parts.push(`<line class="axis" x1="${M.l}" x2="${W - M.r}" y1="${M.t + PH}" y2="${M.t + PH}"/>`,
    `<line class="axis" x1="${M.l}" x2="${M.l}" y1="${M.t}" y2="${M.t + PH}"/>`,
    `<text class="label" x="${M.l + PW / 2}" y="${H - 6}" text-anchor="middle">${esc(c.x.label)}</text>`,
    `<text class="label" transform="translate(14 ${M.t + PH / 2}) rotate(-90)" text-anchor="middle">${esc(c.y.label)}</text>`);
  for (const r of c.rules ?? []) {
    parts.push(`<line class="rule" x1="${M.l}" x2="${W - M.r}" y1="${r1(sy(r.y))}" y2="${r1(sy(r.y))}"><title>${esc(r.label)}</title></line>`,
      `<text class="rule-label" x="${W - M.r - 4}" y="${r1(sy(r.y) - 4)}" text-anchor="end">${esc(r.label)}</text>`);
  }
  let marks = 0;
  c.series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const color = PALETTE[i % PALETTE.length]!;
    const d = s.points.map((p, j) => {
      if (j === 0) return `M${r1(sx(p.x))} ${r1(sy(p.y))}`;
      return s.stepped ? `H${r1(sx(p.x))}V${r1(sy(p.y))}` : `L${r1(sx(p.x))} ${r1(sy(p.y))}`;
    }).join("");
    parts.push(`<path class="series" d="${d}" stroke="${color}"${s.dashed ? ' stroke-dasharray="5 3"' : ""}><title>${esc(s.name)}</title></path>`);
    if (s.points.length <= 60 && !s.stepped) {
      for (const p of s.points) {
        parts.push(`<circle cx="${r1(sx(p.x))}" cy="${r1(sy(p.y))}" r="2.5" fill="${color}"><title>${esc(`${s.name}: ${fmtNumber(p.x)}, ${fmtNumber(p.y)}`)}</title></circle>`);
      }
    }
    marks += s.points.length;
  });
  for (const m of c.marks ?? []) {
    parts.push(`<line class="mark" x1="${r1(sx(m.x))}" x2="${r1(sx(m.x))}" y1="${M.t}" y2="${M.t + PH}"/>`,
      // the label sits on the side of the line with more room
      sx(m.x) > M.l + PW / 2
        ? `<text class="mark-label" x="${r1(sx(m.x) - 4)}" y="${M.t + 12}" text-anchor="end">${esc(m.label)}</text>`
        : `<text class="mark-label" x="${r1(sx(m.x) + 4)}" y="${M.t + 12}">${esc(m.label)}</text>`);
  }
  const svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(c.title)}" data-chart="${esc(c.id)}" data-points="${marks}">${parts.join("")}</svg>`;
  return figure(c.id, c.title, svg, legend(c.series), c.note);
}

export interface BarChartSpec {
  id: string;
  title: string;
  /** the value axis title with its unit */
  label: string;
  bars: Array<{ label: string; value: number }>;
  note?: string;
}

/** Horizontal bars, one row per label, largest first as given. */
export function barChart(c: BarChartSpec): string {
  const row = 22;
  const left = 250;
  const h = M.t + c.bars.length * row + 40;
  const ticks = niceTicks(0, Math.max(1, ...c.bars.map((b) => b.value)), 5);
  const top = ticks.at(-1)!;
  const sx = (v: number): number => left + (v / top) * (W - left - 50);
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${r1(sx(t))}" x2="${r1(sx(t))}" y1="${M.t}" y2="${M.t + c.bars.length * row}"/>`,
      `<text class="tick" x="${r1(sx(t))}" y="${M.t + c.bars.length * row + 14}" text-anchor="middle">${esc(tickLabel(t))}</text>`);
  }
  c.bars.forEach((b, i) => {
    const y = M.t + i * row;
    const label = b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label;
    parts.push(`<text class="tick" x="${left - 6}" y="${y + 15}" text-anchor="end">${esc(label)}<title>${esc(b.label)}</title></text>`,
      `<rect class="bar" x="${left}" y="${y + 3}" width="${r1(Math.max(1, sx(b.value) - left))}" height="${row - 6}" fill="${PALETTE[1]}"><title>${esc(`${b.label}: ${fmtNumber(b.value)}`)}</title></rect>`,
      `<text class="value" x="${r1(sx(b.value) + 4)}" y="${y + 15}">${esc(fmtNumber(b.value))}</text>`);
  });
  parts.push(`<text class="label" x="${left + (W - left - 50) / 2}" y="${h - 6}" text-anchor="middle">${esc(c.label)}</text>`);
  const svg = `<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(c.title)}" data-chart="${esc(c.id)}" data-points="${c.bars.length}">${parts.join("")}</svg>`;
  return figure(c.id, c.title, svg, "", c.note);
}
