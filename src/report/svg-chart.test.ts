import { test } from "node:test";
import assert from "node:assert/strict";
import { niceTicks, tickLabel } from "./svg-axis.ts";
import { barChart, lineChart } from "./svg-chart.ts";

test("axis ticks are round numbers covering the data", () => {
  assert.deepEqual(niceTicks(0, 7), [0, 2, 4, 6, 8]);
  assert.deepEqual(niceTicks(0, 100), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(13, 1210, 5), [0, 250, 500, 750, 1000, 1250]);
  assert.deepEqual(niceTicks(0, 0.3), [0, 0.1, 0.2, 0.3], "no floating-point dust");
  assert.deepEqual(niceTicks(5, 5), [5, 6, 7, 8, 9, 10], "a single value still gets an axis");
  assert.deepEqual([tickLabel(12_000), tickLabel(2_500_000), tickLabel(2.5)], ["12k", "2.5M", "2.5"]);
});

test("a line chart counts its data points, labels both axes, draws a legend for several series and marks the knee", () => {
  const svg = lineChart({
    id: "c", title: "Latency <p95>", x: { label: "sessions" }, y: { label: "latency (ms)", min: 0 },
    series: [{ name: "a", points: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }, { name: "b&c", points: [{ x: 1, y: 1 }], dashed: true }],
    marks: [{ x: 2, label: "knee: 2 sessions" }], rules: [{ y: 2.5, label: "SLO" }],
  });
  assert.match(svg, /data-chart="c" data-points="3"/);
  assert.match(svg, /aria-label="Latency &lt;p95&gt;"/);
  assert.match(svg, />sessions<\/text>/);
  assert.match(svg, />latency \(ms\)<\/text>/);
  assert.equal((svg.match(/<path class="series"/g) ?? []).length, 2);
  assert.match(svg, /stroke-dasharray="5 3"/);
  assert.match(svg, /<ul class="legend">.*b&amp;c/);
  // the knee sits at the right edge: its label is drawn to the left of the line
  assert.match(svg, /class="mark-label" x="[\d.]+" y="\d+" text-anchor="end">knee: 2 sessions</);
  assert.match(svg, /class="rule-label"[^>]*>SLO</);
});

test("a bar chart draws one bar per row, labels truncated but kept whole in the tooltip", () => {
  const long = `harness_errors ${"x".repeat(60)}`;
  const svg = barChart({ id: "errors", title: "Errors", label: "count", bars: [{ label: long, value: 5 }, { label: "b", value: 1 }] });
  assert.match(svg, /data-points="2"/);
  assert.equal((svg.match(/<rect class="bar"/g) ?? []).length, 2);
  assert.ok(svg.includes(`<title>${long}</title>`));
  assert.ok(svg.includes(`${long.slice(0, 39)}…`));
});
