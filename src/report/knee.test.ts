import { test } from "node:test";
import assert from "node:assert/strict";
import { readSummaryFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { headline } from "./headline.ts";
import { kneeOf, kneeText } from "./knee.ts";
import type { RunSummary, SummaryMetric } from "./summary.ts";

const rate = (name: string, ok: boolean): SummaryMetric =>
  ({ name, type: "rate", contains: "default", values: { rate: ok ? 1 : 0.5, passes: 1, fails: ok ? 0 : 1 }, thresholds: [{ expr: "rate>=0.999", ok }] });

const summary = (...metrics: SummaryMetric[]): RunSummary =>
  ({ file: "s.json", format: "handleSummary", durationMs: 1, metrics: new Map(metrics.map((m) => [m.name, m])), checks: [] });

test("the knee is the smallest step whose own thresholds fail, whatever the order of the summary", () => {
  const k = kneeOf(summary(rate("finesse_login_success{step:300}", false), rate("finesse_login_success{step:100}", true),
    rate("finesse_login_success{step:200}", false), rate("finesse_login_success", false), rate("finesse_login_success{step:stop}", false)));
  assert.deepEqual(k?.steps.map((s) => [s.sessions, s.ok]), [[100, true], [200, false], [300, false]]);
  assert.equal(k?.knee?.sessions, 200);
  assert.deepEqual(k?.knee?.failed, ["finesse_login_success rate>=0.999"]);
  assert.equal(kneeText(k), "200 sessions (first failing step of 3: finesse_login_success rate>=0.999)");
});

test("every step passing: no knee, and the top step is named; no step thresholds: not applicable", () => {
  const k = kneeOf(summary(rate("finesse_login_success{step:100}", true), rate("finesse_login_success{step:200}", true)));
  assert.equal(k?.knee, undefined);
  assert.equal(kneeText(k), "none: every step passed, up to 200 sessions");
  assert.equal(kneeOf(summary(rate("finesse_login_success{role:self}", false))), undefined);
  assert.equal(kneeText(undefined), "not applicable (no per-step thresholds)");
});

test("the recorded capacity run's knee is its third step, 6 sessions, on event latency", async () => {
  const h = headline(await readSummaryFile(FIXTURES.capacity));
  assert.equal(h.knee?.knee?.sessions, 6);
  assert.deepEqual(h.knee?.knee?.failed, ["finesse_event_latency p(95)<600"]);
  assert.deepEqual(h.knee?.steps.map((s) => s.ok), [true, true, false]);
});
