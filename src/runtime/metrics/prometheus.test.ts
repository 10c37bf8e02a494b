import { test } from "node:test";
import assert from "node:assert/strict";
import type { Sample } from "../contracts.ts";
import { PrometheusOutput } from "./prometheus.ts";
import { labelSet, parseTrendStats, seriesNames, TrendStatsError } from "./prometheus-names.ts";
import { MetricRegistry } from "./registry.ts";

function registry(): MetricRegistry {
  const r = new MetricRegistry();
  r.declare("xmpp_time_to_ready", "trend", "time");
  r.declare("queue_depth", "trend", "default");
  r.declare("xmpp_sessions_opened", "counter", "default");
  r.declare("finesse_login_success", "rate", "default");
  return r;
}

function output(extra: Partial<ConstructorParameters<typeof PrometheusOutput>[0]> = {}): { out: PrometheusOutput; warnings: string[] } {
  const r = registry();
  const warnings: string[] = [];
  const out = new PrometheusOutput({ host: "127.0.0.1", port: 0, info: (n) => r.get(n), warn: (m) => warnings.push(m), ...extra });
  return { out, warnings };
}

const sample = (metric: string, value: number, tags: Record<string, string> = {}): Sample => ({ metric, value, time: Date.now(), tags });

/** name{labels} value → [name, labels, value] for every sample line; comments checked for shape. */
function parseExposition(text: string): Array<{ name: string; labels: string; value: number }> {
  const out: Array<{ name: string; labels: string; value: number }> = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("#")) {
      assert.match(line, /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge))$/, line);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (\S+)$/.exec(line);
    assert.ok(m, `not a sample line of the text format: ${line}`);
    out.push({ name: m[1]!, labels: m[2] ?? "", value: Number(m[3]!.replace("+Inf", "Infinity")) });
  }
  return out;
}

test("series are named as k6's remote-write output names them", () => {
  const stats = parseTrendStats("p(99),p(95),p(99.9),avg,max,med,min,count,sum");
  assert.deepEqual(stats.map((s) => s.suffix), ["p99", "p95", "p999", "avg", "max", "med", "min", "count", "sum"]);
  assert.deepEqual(seriesNames("xmpp_sasl", "trend", stats.slice(0, 2)), ["k6_xmpp_sasl_p99", "k6_xmpp_sasl_p95"]);
  assert.deepEqual(seriesNames("harness_errors", "counter", stats), ["k6_harness_errors_total"]);
  assert.deepEqual(seriesNames("finesse_login_success", "rate", stats), ["k6_finesse_login_success_rate"]);
  assert.deepEqual(seriesNames("vus", "gauge", stats), ["k6_vus"]);
});

test("K6_PROMETHEUS_RW_TREND_STATS: unknown stats, out-of-range percentiles and duplicates are refused by name", () => {
  for (const bad of ["p(101)", "p99", "mean", "p(95),p(95)", " , "]) {
    assert.throws(() => parseTrendStats(bad), (e: unknown) => e instanceof TrendStatsError && e.kind === "invalid-trend-stat", bad);
  }
  assert.throws(() => parseTrendStats("p(99),mean"), /unsupported trend stat "mean"/);
});

test("tags become sorted labels: values escaped, names made valid, empty tags left out", () => {
  assert.equal(labelSet({ b: 'say "hi"\\now', a: "line\nbreak", "node-kind": "user", "1st": "x", __id: "y", empty: "" }),
    '{_1st="x",a="line\\nbreak",b="say \\"hi\\"\\\\now",node_kind="user",tag__id="y"}');
  assert.equal(labelSet({}), "");
});

test("render: counters add up, rates are the share of non-zero samples, time trends are in seconds", () => {
  const { out } = output({ trendStats: parseTrendStats("p(99),max,count") });
  for (let i = 1; i <= 100; i++) out.add(sample("xmpp_time_to_ready", i * 10, { target: "a" }));
  out.add(sample("queue_depth", 7));
  for (let i = 0; i < 3; i++) out.add(sample("xmpp_sessions_opened", 1, { target: "a" }));
  out.add(sample("xmpp_sessions_opened", 2, { target: 'b"' }));
  for (const v of [1, 1, 1, 0]) out.add(sample("finesse_login_success", v));
  const series = parseExposition(out.render());
  const value = (name: string, labels = "") => series.find((s) => s.name === name && s.labels === labels)?.value;
  assert.equal(value("k6_xmpp_sessions_opened_total", '{target="a"}'), 3);
  assert.equal(value("k6_xmpp_sessions_opened_total", '{target="b\\""}'), 2);
  assert.equal(value("k6_finesse_login_success_rate"), 0.75);
  assert.ok(Math.abs(value("k6_xmpp_time_to_ready_p99", '{target="a"}')! - 0.9901) < 1e-9);
  assert.equal(value("k6_xmpp_time_to_ready_max", '{target="a"}'), 1);
  // k6 scales every stat of a time trend, the count too
  assert.equal(value("k6_xmpp_time_to_ready_count", '{target="a"}'), 0.1);
  assert.equal(value("k6_queue_depth_max"), 7);
  assert.match(out.render(), /^# TYPE k6_xmpp_sessions_opened_total counter$/m);
  assert.match(out.render(), /^# TYPE k6_finesse_login_success_rate gauge$/m);
});

test("memory stays bounded: 20,000 trend samples keep p99 within 1 %, and new tag sets past maxSeries are dropped with one warning", () => {
  const { out, warnings } = output({ maxSeries: 3 });
  for (let i = 0; i < 20_000; i++) out.add(sample("xmpp_time_to_ready", (i % 1000) + 1, { target: "a" }));
  for (let i = 0; i < 10; i++) out.add(sample("xmpp_sessions_opened", 1, { target: `t${i}` }));
  const series = parseExposition(out.render());
  assert.equal(series.length, 3);
  const p99 = series.find((s) => s.name === "k6_xmpp_time_to_ready_p99")!.value;
  assert.ok(Math.abs(p99 - 0.99) / 0.99 < 0.01, `p99 ${p99}`);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /more than 3 series/);
});

test("a real scrape over HTTP on 127.0.0.1 port 0; other paths 404; the server is gone after close()", async () => {
  const { out } = output();
  const url = await out.listen();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  out.add(sample("xmpp_sessions_opened", 5, { target: "primary" }));
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const body = await res.text();
  assert.deepEqual(parseExposition(body), [{ name: "k6_xmpp_sessions_opened_total", labels: '{target="primary"}', value: 5 }]);
  assert.equal((await fetch(url.replace("/metrics", "/"))).status, 404);
  assert.equal((await fetch(url, { method: "POST" })).status, 405);
  await out.close();
  await assert.rejects(fetch(url));
});

test("listen() rejects when the address is taken", async () => {
  const first = output().out;
  const url = await first.listen();
  const port = Number(new URL(url).port);
  const second = output({ port }).out;
  await assert.rejects(second.listen(), /EADDRINUSE/);
  await second.close();
  await first.close();
});
