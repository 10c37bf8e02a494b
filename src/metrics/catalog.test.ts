import { test } from "node:test";
import assert from "node:assert/strict";
import { METRICS, METRIC_DESCRIPTIONS } from "./index.ts";

// k6 rejects metric names outside this pattern (k6 docs, javascript-api/k6-metrics).
const K6_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;
// k6's own metrics: a custom metric of the same name with another type would fail at init.
const K6_BUILTINS = new Set(["vus", "vus_max", "iterations", "iteration_duration", "dropped_iterations", "data_sent", "data_received", "checks", "group_duration", "http_reqs", "http_req_duration", "http_req_failed", "ws_sessions", "ws_connecting", "ws_session_duration", "ws_msgs_sent", "ws_msgs_received", "ws_ping"]);

test("metric names are legal k6 names, unique, and clear of k6's built-ins", () => {
  const names = METRICS.map((m) => m.name);
  for (const n of names) {
    assert.match(n, K6_NAME);
    assert.equal(K6_BUILTINS.has(n), false, n);
  }
  assert.equal(new Set(names).size, names.length);
});

test("units match kinds and every metric is described", () => {
  for (const m of METRICS) {
    const expected = { trend: "ms", counter: "count", rate: "ratio", gauge: "count" }[m.kind];
    assert.equal(m.unit, expected, m.name);
    assert.ok((METRIC_DESCRIPTIONS[m.name] ?? "").length > 10, m.name);
  }
});

test("tag keys are legal and few (bounded series cardinality)", () => {
  for (const m of METRICS) {
    assert.ok(m.tags.length <= 4, m.name);
    for (const t of m.tags) assert.match(t, /^[a-z_]+$/);
  }
});

test("descriptions name only catalogued metrics", () => {
  const names = new Set<string>(METRICS.map((m) => m.name));
  assert.deepEqual(Object.keys(METRIC_DESCRIPTIONS).filter((n) => !names.has(n)), []);
});
