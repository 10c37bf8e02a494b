import { test } from "node:test";
import assert from "node:assert/strict";
import { readMetricsFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { digestNdjson } from "./points.ts";

const point = (metric: string, time: string, value: number, tags: Record<string, string> = {}): string =>
  JSON.stringify({ metric, type: "Point", data: { time, value, tags } });

test("counters are summed per second, split by cause or kind; phases and event latency kept as distributions", () => {
  const d = digestNdjson([
    point("xmpp_sessions_opened", "2026-01-01T00:00:00.100Z", 1, { step: "2" }),
    point("xmpp_sessions_opened", "2026-01-01T00:00:00.900Z", 1, { step: "2" }),
    point("xmpp_sessions_closed", "2026-01-01T00:00:03.000Z", 1, { cause: "ping-timeout" }),
    point("harness_errors", "2026-01-01T00:00:03.500Z", 2, { kind: "timeout" }),
    point("xmpp_time_to_ready", "2026-01-01T00:00:00.500Z", 30, { step: "2" }),
    point("finesse_event_latency", "2026-01-01T00:00:01Z", 55, { role: "self", node: "user", step: "2" }),
    point("finesse_event_latency", "2026-01-01T00:00:05Z", 900, { role: "supervisor", node: "team", step: "stop" }),
    point("finesse_login_success", "2026-01-01T00:00:00.500Z", 1, { step: "2" }),
    point("finesse_login_success", "2026-01-01T00:00:00.600Z", 0, { step: "2" }),
    point("finesse_recovery_time", "2026-01-01T00:00:04Z", 800, {}),
    point("vus", "2026-01-01T00:00:02Z", 3, {}),
  ].join("\n"), "m.ndjson");
  const t = d.timeline;
  const s0 = Date.parse("2026-01-01T00:00:00Z") / 1000;
  assert.equal(t.startMs, s0 * 1000 + 100);
  assert.equal(t.endMs, s0 * 1000 + 5000);
  assert.deepEqual([...t.counters.get("xmpp_sessions_opened")!], [[s0, 2]]);
  assert.deepEqual([...t.counters.get("xmpp_sessions_closed")!], [[s0 + 3, 1]]);
  assert.deepEqual([...t.counters.get("xmpp_sessions_closed{cause:ping-timeout}")!], [[s0 + 3, 1]]);
  assert.deepEqual([...t.counters.get("harness_errors{kind:timeout}")!], [[s0 + 3, 2]]);
  assert.deepEqual([...t.counters.get("finesse_recovery_time")!], [[s0 + 4, 1]], "one recovery per sample");
  assert.equal(t.phases.get("xmpp_time_to_ready")!.get(s0)!.count, 1);
  assert.deepEqual([...t.eventLatency.keys()].sort(), ["self/user", "supervisor/team"]);
  assert.deepEqual([...t.vus], [[s0 + 2, 3]]);
  // only numeric steps: "stop" is after the last step
  assert.deepEqual([...t.steps.keys()], [2]);
  const step = t.steps.get(2)!;
  assert.deepEqual([step.loginOk, step.loginTotal, step.eventLatency.count, step.timeToReady.count], [1, 2, 1, 1]);
});

test("k6's own time format (microseconds, a UTC offset) is read to the millisecond", () => {
  const d = digestNdjson(point("vus", "2026-11-24T07:13:13.576513+01:00", 1), "m.ndjson");
  assert.equal(d.timeline.startMs, Date.parse("2026-11-24T06:13:13.576Z"));
});

test("a Point without a valid time is an error naming the line", () => {
  assert.throws(() => digestNdjson(`${point("vus", "2026-01-01T00:00:00Z", 1)}\n${JSON.stringify({ metric: "vus", type: "Point", data: { value: 1, time: "yesterday" } })}`, "m.ndjson"),
    { name: "ReportInputError", kind: "ndjson", message: /^m\.ndjson: line 2: "data\.time" must be an RFC 3339 time, got "yesterday"$/ });
});

test("the recorded capacity run has a step per session count, each with its logins and latency samples", async () => {
  const d = await readMetricsFile(FIXTURES.capacityMetrics);
  const steps = [...d.timeline.steps.values()].sort((a, b) => a.sessions - b.sessions);
  assert.deepEqual(steps.map((s) => s.sessions), [2, 4, 6]);
  for (const s of steps) {
    assert.equal(s.loginTotal, 2, `step ${s.sessions}`);
    assert.equal(s.loginOk, 2);
    assert.ok(s.eventLatency.count > 0);
  }
  assert.ok(steps[2]!.eventLatency.percentile(95)! >= 600, "events slowed in the third step");
  assert.ok(steps[0]!.eventLatency.percentile(95)! < 600);
});
