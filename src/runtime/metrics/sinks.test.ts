import { test } from "node:test";
import assert from "node:assert/strict";
import { CounterSink, GaugeSink, RateSink, TrendSink } from "./sinks.ts";

test("Counter: count is the sum, rate is per second of the run duration", () => {
  const c = new CounterSink();
  c.add(2);
  c.add(3);
  assert.equal(c.aggregate({ method: "count" }, 10_000), 5);
  assert.equal(c.aggregate({ method: "rate" }, 10_000), 0.5);
  assert.equal(c.aggregate({ method: "rate" }, 0), undefined, "no rate for a zero-length run");
});

test("Gauge: last value with min and max; merge keeps the latest by time", () => {
  const a = new GaugeSink();
  a.add(5, 1000);
  a.add(2, 2000);
  a.add(7, 3000);
  assert.deepEqual([a.value, a.min, a.max], [7, 2, 7]);
  const b = new GaugeSink();
  b.add(1, 2500);
  b.add(10, 1500);
  a.merge(b.toJSON()); // b's latest sample (t=1500) is older than a's (t=3000)
  assert.deepEqual([a.value, a.min, a.max, a.samples], [7, 1, 10, 5]);
  const c = new GaugeSink();
  c.add(4, 9000);
  a.merge(c.toJSON());
  assert.equal(a.value, 4);
  assert.equal(a.aggregate({ method: "value" }), 4);
});

test("Rate: share of non-zero samples; no value while empty", () => {
  const r = new RateSink();
  assert.equal(r.aggregate({ method: "rate" }), undefined);
  for (const v of [1, 0, 1, 1, 0.5, 0]) r.add(v);
  assert.equal(r.aggregate({ method: "rate" }), 4 / 6);
  const s = new RateSink();
  s.merge(r.toJSON());
  s.merge(r.toJSON());
  assert.deepEqual([s.trues, s.total], [8, 12]);
});

test("Trend: empty statistics are 0; count is the sample count", () => {
  const t = new TrendSink();
  for (const m of ["avg", "min", "max", "med", "count"] as const) assert.equal(t.aggregate({ method: m }), 0);
  assert.equal(t.aggregate({ method: "p", p: 95 }), 0);
  t.add(10);
  t.add(20);
  assert.equal(t.aggregate({ method: "avg" }), 15);
  assert.equal(t.aggregate({ method: "count" }), 2);
  assert.equal(t.aggregate({ method: "min" }), 10);
  assert.equal(t.aggregate({ method: "p", p: 100 }), 20);
});

test("merging a sink of another type is refused", () => {
  assert.throws(() => new CounterSink().merge(new RateSink().toJSON()), /cannot merge a rate sink into a counter sink/);
});

test("sink states survive JSON even with infinite values", () => {
  const g = new GaugeSink();
  g.add(-Infinity, 1);
  g.add(Infinity, 2);
  const back = new GaugeSink();
  back.merge(JSON.parse(JSON.stringify(g.toJSON())));
  assert.deepEqual([back.value, back.min, back.max], [Infinity, -Infinity, Infinity]);
  const c = new CounterSink();
  c.add(Infinity);
  const cb = new CounterSink();
  cb.merge(JSON.parse(JSON.stringify(c.toJSON())));
  assert.equal(cb.count, Infinity);
});
