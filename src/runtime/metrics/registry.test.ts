import { test } from "node:test";
import assert from "node:assert/strict";
import { MetricError } from "./errors.ts";
import { BUILTIN_METRICS, MetricRegistry } from "./registry.ts";

test("k6's built-in metrics are registered with their type and value type", () => {
  const r = new MetricRegistry();
  const expect: Array<[string, string, string]> = [
    ["vus", "gauge", "default"], ["vus_max", "gauge", "default"], ["iterations", "counter", "default"],
    ["iteration_duration", "trend", "time"], ["dropped_iterations", "counter", "default"],
    ["data_sent", "counter", "data"], ["data_received", "counter", "data"], ["checks", "rate", "default"],
    ["group_duration", "trend", "time"], ["http_reqs", "counter", "default"], ["http_req_duration", "trend", "time"],
    ["http_req_blocked", "trend", "time"], ["http_req_connecting", "trend", "time"],
    ["http_req_tls_handshaking", "trend", "time"], ["http_req_sending", "trend", "time"],
    ["http_req_waiting", "trend", "time"], ["http_req_receiving", "trend", "time"], ["http_req_failed", "rate", "default"],
    ["ws_sessions", "counter", "default"], ["ws_connecting", "trend", "time"], ["ws_session_duration", "trend", "time"],
    ["ws_msgs_sent", "counter", "default"], ["ws_msgs_received", "counter", "default"], ["ws_ping", "trend", "time"],
  ];
  for (const [name, type, contains] of expect) assert.deepEqual(r.get(name), { name, type, contains }, name);
  assert.equal(BUILTIN_METRICS.length, expect.length);
});

test("custom names follow ^[a-zA-Z_][a-zA-Z0-9_]{1,128}$ (at least two characters)", () => {
  const r = new MetricRegistry();
  r.declare("ab", "counter", "default");
  r.declare("_x", "counter", "default");
  r.declare("a".repeat(129), "trend", "time");
  for (const bad of ["a", "1abc", "has-dash", "has space", "a".repeat(130), "", "dot.name"]) {
    assert.throws(() => r.declare(bad, "counter", "default"),
      (e: unknown) => e instanceof MetricError && e.kind === "invalid-name" && e.metric === bad, bad);
  }
});

test("re-declaring returns the existing metric only when type and value type match", () => {
  const r = new MetricRegistry();
  const first = r.declare("my_trend", "trend", "time");
  assert.equal(r.declare("my_trend", "trend", "time"), first);
  assert.throws(() => r.declare("my_trend", "trend", "default"), (e: unknown) => e instanceof MetricError && e.kind === "redeclared");
  assert.throws(() => r.declare("my_trend", "counter", "time"), /already exists as a trend/);
  assert.throws(() => r.declare("http_reqs", "trend", "default"), /already exists as a counter/);
  r.declare("http_reqs", "counter", "default");
});

test("toJSON lists only custom declarations", () => {
  const r = new MetricRegistry();
  r.declare("custom_one", "gauge", "data");
  assert.deepEqual(r.toJSON(), [{ name: "custom_one", type: "gauge", contains: "data" }]);
});
