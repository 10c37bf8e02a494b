import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { Sample } from "../contracts.ts";
import { MetricsEngine } from "./engine.ts";
import { MetricError } from "./errors.ts";
import { buildSummaryData } from "./summary-data.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function engineWith(): MetricsEngine {
  const e = new MetricsEngine();
  e.declare("my_trend", "trend", "time");
  e.declare("my_gauge", "gauge", "default");
  e.addSubmetric({ name: "http_req_duration{status:200}", parent: "http_req_duration", suffix: "status:200", tags: [["status", "200"]] });
  return e;
}

function randomSamples(n: number): Sample[] {
  const r = rng(3);
  const metrics = ["http_req_duration", "http_reqs", "checks", "my_trend", "my_gauge", "vus", "data_sent"];
  return Array.from({ length: n }, (_, i) => {
    const metric = metrics[Math.floor(r() * metrics.length)]!;
    const tags: Record<string, string> = { status: r() < 0.7 ? "200" : "500" };
    if (metric === "checks") Object.assign(tags, { check: r() < 0.5 ? "a" : "b", group: r() < 0.5 ? "" : "::g1" });
    return { metric, time: 1_700_000_000_000 + i, value: metric === "checks" ? (r() < 0.8 ? 1 : 0) : r() * 1000 - 100, tags };
  });
}

test("merging two snapshots equals one engine fed all samples", () => {
  const samples = randomSamples(3000);
  const one = engineWith();
  const a = engineWith();
  const b = engineWith();
  samples.forEach((s, i) => {
    one.add(s);
    (i % 2 === 0 ? a : b).add(s);
  });
  const main = new MetricsEngine();
  main.merge(JSON.parse(JSON.stringify(a.snapshot())));
  main.merge(JSON.parse(JSON.stringify(b.snapshot())));
  const opts = { testRunDurationMs: 3000, summaryTrendStats: ["avg", "min", "med", "max", "p(90)", "p(99)", "count"] };
  const expected = buildSummaryData(one, undefined, opts);
  const got = buildSummaryData(main, undefined, opts);
  // trend `avg` is a float sum; tolerate only rounding differences
  for (const [name, m] of Object.entries(expected.metrics)) {
    const g = got.metrics[name];
    assert.ok(g, name);
    for (const [k, v] of Object.entries(m.values)) assert.ok(Math.abs(g.values[k]! - v) <= 1e-9 * Math.max(1, Math.abs(v)), `${name}.${k}: ${g.values[k]} vs ${v}`);
  }
  assert.deepEqual(Object.keys(got.metrics).sort(), Object.keys(expected.metrics).sort());
  assert.deepEqual(got.root_group, expected.root_group);
});

test("snapshot with reset ships deltas that add up exactly", () => {
  const samples = randomSamples(1000);
  const worker = engineWith();
  const one = engineWith();
  const main = new MetricsEngine();
  samples.forEach((s, i) => {
    worker.add(s);
    one.add(s);
    if (i % 300 === 299) main.merge(worker.snapshot({ reset: true }));
  });
  main.merge(worker.snapshot({ reset: true }));
  const opts = { testRunDurationMs: 1000 };
  assert.deepEqual(buildSummaryData(main, undefined, opts).metrics.checks, buildSummaryData(one, undefined, opts).metrics.checks);
  assert.deepEqual(buildSummaryData(main, undefined, opts).metrics.http_reqs, buildSummaryData(one, undefined, opts).metrics.http_reqs);
  assert.deepEqual(main.groups.summary(), one.groups.summary());
  assert.equal(worker.snapshot().metrics.length, 0, "nothing left after the last reset");
});

test("samples for undeclared metrics are refused", () => {
  const e = new MetricsEngine();
  assert.throws(() => e.add({ metric: "nope_metric", time: 0, value: 1, tags: {} }),
    (err: unknown) => err instanceof MetricError && err.kind === "unknown-metric");
});

test("observed metrics: those with samples or marked by thresholds", () => {
  const e = new MetricsEngine();
  e.markObserved("http_req_failed");
  e.add({ metric: "iterations", time: 0, value: 1, tags: {} });
  assert.deepEqual(e.observedMetrics().map((m) => m.name), ["http_req_failed", "iterations"]);
});

test("the group/check tree is built from checks and group_duration tags with md5 ids", () => {
  const e = new MetricsEngine();
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  e.add({ metric: "group_duration", time: 0, value: 3, tags: { group: "::outer" } });
  e.add({ metric: "checks", time: 0, value: 1, tags: { group: "::outer::inner", check: "is 200" } });
  e.add({ metric: "checks", time: 0, value: 0, tags: { group: "::outer::inner", check: "is 200" } });
  e.add({ metric: "checks", time: 0, value: 1, tags: { group: "", check: "root check" } });
  const root = e.groups.summary();
  assert.deepEqual([root.name, root.path, root.id], ["", "", md5("")]);
  assert.deepEqual(root.checks, [{ name: "root check", path: "::root check", id: md5("::root check"), passes: 1, fails: 0 }]);
  const outer = root.groups[0]!;
  assert.deepEqual([outer.name, outer.path, outer.id], ["outer", "::outer", md5("::outer")]);
  const inner = outer.groups[0]!;
  assert.deepEqual([inner.name, inner.path], ["inner", "::outer::inner"]);
  assert.deepEqual(inner.checks, [{ name: "is 200", path: "::outer::inner::is 200", id: md5("::outer::inner::is 200"), passes: 1, fails: 1 }]);
});

test("groups and checks keep the order of first appearance", () => {
  const e = new MetricsEngine();
  for (const g of ["::b", "::a", "::c", "::a"]) e.add({ metric: "group_duration", time: 0, value: 1, tags: { group: g } });
  for (const c of ["z", "y", "z"]) e.add({ metric: "checks", time: 0, value: 1, tags: { check: c } });
  const root = e.groups.summary();
  assert.deepEqual(root.groups.map((g) => g.name), ["b", "a", "c"]);
  assert.deepEqual(root.checks.map((c) => c.name), ["z", "y"]);
});

test("custom declarations travel with the snapshot", () => {
  const w = new MetricsEngine();
  w.declare("xmpp_login", "trend", "time");
  w.add({ metric: "xmpp_login", time: 0, value: 12, tags: {} });
  const main = new MetricsEngine();
  main.merge(JSON.parse(JSON.stringify(w.snapshot())));
  assert.deepEqual(main.info("xmpp_login"), { name: "xmpp_login", type: "trend", contains: "time" });
  assert.equal(main.sink("xmpp_login")!.samples, 1);
});

test("at most 32 submetrics per metric, refused with a clear error", () => {
  const e = new MetricsEngine();
  for (let i = 0; i < 32; i++) e.addSubmetric({ name: `iterations{n:${i}}`, parent: "iterations", suffix: `n:${i}`, tags: [["n", String(i)]] });
  assert.throws(() => e.addSubmetric({ name: "iterations{n:x}", parent: "iterations", suffix: "n:x", tags: [["n", "x"]] }),
    (err: unknown) => err instanceof MetricError && err.kind === "too-many-submetrics");
  e.add({ metric: "iterations", time: 0, value: 1, tags: { n: "31" } });
  assert.equal(e.sink("iterations{n:31}")!.samples, 1, "the 32nd submetric (bit 31) matches");
  assert.equal(e.sink("iterations{n:0}")!.samples, 0);
});
