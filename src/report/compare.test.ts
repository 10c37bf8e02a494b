import { test } from "node:test";
import assert from "node:assert/strict";
import { compareSummaries, verdictOf } from "./compare.ts";
import { comparisonJunit, comparisonText } from "./compare-output.ts";
import { worseDirection } from "./direction.ts";
import { readSummaryFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import type { RunSummary } from "./summary.ts";
import { DEFAULT_MIN_DELTA_MS, parseMinDelta, parseTolerances, toleranceFor } from "./tolerance.ts";

const DEFAULTS = parseTolerances([]);

/** A copy of the summary with some values changed: {"metric": {"stat": value}} */
function edit(s: RunSummary, changes: Record<string, Record<string, number>>): RunSummary {
  const metrics = new Map(s.metrics);
  for (const [name, values] of Object.entries(changes)) {
    const m = metrics.get(name);
    assert.ok(m, name);
    metrics.set(name, { ...m, values: { ...m.values, ...values } });
  }
  return { ...s, metrics };
}

const verdict = (c: ReturnType<typeof compareSummaries>, metric: string, stat: string): string | undefined =>
  c.rows.find((r) => r.metric === metric && r.stat === stat)?.verdict;

test("a run compared with itself has every row within tolerance and no regression", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const c = compareSummaries(s, s, DEFAULTS);
  assert.ok(c.rows.length > 50);
  assert.deepEqual(new Set(c.rows.map((r) => r.verdict)), new Set(["within"]));
  assert.equal(c.regressions, 0);
  assert.deepEqual(c.missing, []);
  // trends are compared on avg, p(90), p(95), p(99); rates on rate; counters on count; gauges not at all
  assert.deepEqual(c.rows.filter((r) => r.metric === "xmpp_bind").map((r) => r.stat), ["avg", "p(90)", "p(95)", "p(99)"]);
  assert.deepEqual(c.rows.filter((r) => r.metric === "checks").map((r) => r.stat), ["rate"]);
  assert.deepEqual(c.rows.filter((r) => r.metric === "xmpp_sessions_opened").map((r) => r.stat), ["count"]);
  assert.equal(c.rows.some((r) => r.metric === "vus"), false);
});

test("two real passing runs of the same scenario compare without regression at the defaults", async () => {
  const c = compareSummaries(await readSummaryFile(FIXTURES.pass), await readSummaryFile(FIXTURES.pass2), DEFAULTS);
  assert.deepEqual(c.rows.filter((r) => r.verdict === "regression").map((r) => `${r.metric} ${r.stat}`), []);
  assert.equal(c.regressions, 0);
  // the generator-side HTTP phases differ between the runs but carry no verdict
  assert.equal(c.rows.find((r) => r.metric === "http_req_sending" && r.stat === "p(99)")?.verdict, "changed");
});

test("latency up beyond the tolerance is a regression, down is an improvement; overrides apply per metric", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const base = s.metrics.get("finesse_event_latency")!.values["p(95)"]!; // 63.4 ms
  const worse = edit(s, { finesse_event_latency: { "p(95)": base * 1.15 } });
  assert.equal(verdict(compareSummaries(s, worse, DEFAULTS), "finesse_event_latency", "p(95)"), "regression");
  assert.equal(verdict(compareSummaries(s, worse, parseTolerances(["finesse_event_latency=20%"])), "finesse_event_latency", "p(95)"), "within");
  assert.equal(verdict(compareSummaries(s, worse, parseTolerances(["20%"])), "finesse_event_latency", "p(95)"), "within");
  const better = edit(s, { finesse_event_latency: { "p(95)": base * 0.8 } });
  const c = compareSummaries(s, better, DEFAULTS);
  assert.equal(verdict(c, "finesse_event_latency", "p(95)"), "improvement");
  assert.equal(c.regressions, 0);
  // an override on the base name covers its submetrics; an exact submetric name wins
  const t = parseTolerances(["finesse_event_latency=20%", "finesse_event_latency{role:self}=5"]);
  assert.deepEqual(toleranceFor(t, "finesse_event_latency{role:supervisor}"), { kind: "relative", amount: 0.2 });
  assert.deepEqual(toleranceFor(t, "finesse_event_latency{role:self}"), { kind: "absolute", amount: 5 });
  assert.deepEqual(toleranceFor(t, "xmpp_bind"), { kind: "relative", amount: 0.1 });
});

test("small latency changes stay within the noise floor however large in percent", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const slower = edit(s, { xmpp_bind: { "p(95)": 2.85 + 4 } }); // +140 %, +4 ms
  assert.equal(verdict(compareSummaries(s, slower, DEFAULTS), "xmpp_bind", "p(95)"), "within");
  assert.equal(verdict(compareSummaries(s, slower, parseTolerances([], 0)), "xmpp_bind", "p(95)"), "regression");
  assert.equal(DEFAULT_MIN_DELTA_MS, 5);
  assert.equal(parseMinDelta("0.5s"), 500);
  assert.equal(parseMinDelta("2ms"), 2);
  assert.throws(() => parseMinDelta("fast"), /minimum delta "fast"/);
});

test("delivery and login success down, errors up and sessions reached down are regressions", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  const cand = edit(s, {
    finesse_event_delivery: { rate: 0.85 }, finesse_login_success: { rate: 0.95 }, harness_errors: { count: 3 },
    xmpp_sessions_opened: { count: 3 }, ws_session_duration: { avg: 9000 },
  });
  const c = compareSummaries(s, cand, DEFAULTS);
  assert.equal(verdict(c, "finesse_event_delivery", "rate"), "regression");
  assert.equal(verdict(c, "finesse_login_success", "rate"), "within"); // -5 % of 1.0 is inside 10 %
  assert.equal(verdict(c, "harness_errors", "count"), "regression"); // from 0: any increase
  assert.equal(verdict(c, "xmpp_sessions_opened", "count"), "regression");
  assert.equal(verdict(c, "ws_session_duration", "avg"), "changed"); // the scenario's hold time, no verdict
  assert.equal(c.regressions, 3);
  const fewerErrors = compareSummaries(cand, s, DEFAULTS);
  assert.equal(verdict(fewerErrors, "harness_errors", "count"), "improvement");
  assert.equal(verdict(fewerErrors, "finesse_event_delivery", "rate"), "improvement");
});

test("worse directions and verdict arithmetic", () => {
  assert.equal(worseDirection("xmpp_time_to_ready", "trend"), "higher");
  assert.equal(worseDirection("finesse_event_delivery{role:self}", "rate"), "lower");
  assert.equal(worseDirection("http_req_failed", "rate"), "higher");
  assert.equal(worseDirection("xmpp_sessions_failed{kind:auth}", "counter"), "higher");
  assert.equal(worseDirection("data_sent", "counter"), "none");
  assert.equal(worseDirection("http_req_sending", "trend"), "none");
  assert.equal(worseDirection("http_req_waiting", "trend"), "higher");
  assert.equal(verdictOf(100, 110, "higher", { kind: "relative", amount: 0.1 }), "within");
  assert.equal(verdictOf(100, 110.5, "higher", { kind: "relative", amount: 0.1 }), "regression");
  assert.equal(verdictOf(0, 0.4, "higher", { kind: "absolute", amount: 0.5 }), "within");
  assert.equal(verdictOf(1, 0.4, "lower", { kind: "absolute", amount: 0.5 }), "regression");
});

test("the real failing run against the passing one: newly failing thresholds and the worse figures are named", async () => {
  const pass = await readSummaryFile(FIXTURES.pass);
  const fail = await readSummaryFile(FIXTURES.fail);
  const c = compareSummaries(pass, fail, DEFAULTS);
  assert.deepEqual(c.thresholds.filter((t) => t.regression).map((t) => `${t.metric}: ${t.expr}`),
    ["checks: rate==1", "finesse_login_success: rate==1", "harness_errors: count==0"]);
  assert.equal(verdict(c, "finesse_login_success", "rate"), "regression");
  assert.equal(verdict(c, "xmpp_sessions_opened", "count"), "regression");
  const text = comparisonText(c, { baseline: "pass.json", candidate: "fail.json" }, DEFAULTS);
  assert.match(text, /^REGRESSIONS \(\d+\):$/m);
  assert.match(text, /^ {2}threshold finesse_login_success: rate==1: passed in the baseline, failed in the candidate$/m);
  assert.match(text, /^ {2}finesse_login_success rate: 100\.00% → 50\.00%, -50 pts \(-50\.0%\), tolerance ±10%$/m);
  assert.match(text, /^ {2}harness_errors count: 0 → 2, \+2, tolerance ±10%$/m);
  const xml = comparisonJunit(c);
  assert.match(xml, new RegExp(`<testsuites name="finesse-load compare" tests="${c.rows.length + c.thresholds.length}" failures="${c.regressions}"`));
  assert.match(xml, /<failure message="regression: finesse_login_success rate: 100\.00% → 50\.00%/);
  // the reverse direction: the thresholds were already failing, nothing got worse in them
  const back = compareSummaries(fail, pass, DEFAULTS);
  assert.equal(back.thresholds.some((t) => t.regression), false);
  assert.equal(verdict(back, "finesse_login_success", "rate"), "improvement");
});

test("bad tolerances are errors naming the value", () => {
  assert.throws(() => parseTolerances(["ten"]), /tolerance "ten": expected a percentage like 10%/);
  assert.throws(() => parseTolerances(["-5%"]), /tolerance "-5%"/);
  assert.throws(() => parseTolerances(["finesse_event_latency=lots"]), /tolerance for finesse_event_latency "lots"/);
  assert.throws(() => parseTolerances(["bad name=5%"]), /"bad name" is not a metric name/);
  assert.deepEqual(parseTolerances(["2.5"]).default, { kind: "absolute", amount: 2.5 });
});

test("compare names each run's knee and flags a lower one", async () => {
  const capacity = await readSummaryFile(FIXTURES.capacity);
  const passing = { ...capacity, metrics: new Map([...capacity.metrics].map(([n, m]) => [n, { ...m, thresholds: m.thresholds.map((t) => ({ ...t, ok: true })) }])) };
  const c = compareSummaries(passing, capacity, DEFAULTS);
  assert.deepEqual(c.knee, { baseline: "none: every step passed, up to 6 sessions", candidate: "6 sessions (first failing step of 3: finesse_event_latency p(95)<600)", lower: true });
  assert.ok(c.thresholds.some((t) => t.metric === "finesse_event_latency{step:6}" && t.regression), "the step's threshold is the regression");
  assert.match(comparisonText(c, { baseline: "a", candidate: "b" }, DEFAULTS), /^Knee: baseline none: every step passed, up to 6 sessions; candidate 6 sessions .* \(LOWER: fewer sessions before a step fails\)$/m);
  const smoke = await readSummaryFile(FIXTURES.pass);
  assert.equal(compareSummaries(smoke, smoke, DEFAULTS).knee, undefined);
});
