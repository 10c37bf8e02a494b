import { test } from "node:test";
import assert from "node:assert/strict";
import { FanoutLedger, formatRequestId } from "./index.ts";
import type { MetricName } from "../metrics/index.ts";
import { ManualClock } from "./clock.test-helper.ts";

function setup() {
  const clock = new ManualClock();
  const samples: { metric: MetricName; value: number; tags: Record<string, string> }[] = [];
  const ledger = new FanoutLedger(clock, (metric, value, tags) => samples.push({ metric, value, tags: { ...tags } }), 1_000);
  const sum = (metric: MetricName) => samples.filter((s) => s.metric === metric).reduce((a, s) => a + s.value, 0);
  const values = (metric: MetricName) => samples.filter((s) => s.metric === metric).map((s) => s.value);
  return { clock, samples, ledger, sum, values };
}

const T = { target: "a" };

test("a local trigger expects one delivery per subscribed supervisor of its team, timed from the trigger", () => {
  const { clock, ledger, sum, values, samples } = setup();
  ledger.addLocalAgent("1001");
  ledger.addSupervisor("5", "9001");
  ledger.addSupervisor("5", "9002");
  ledger.addSupervisor("6", "9003"); // other team
  const rid = formatRequestId({ agentId: "1001", seq: 1, epochMs: clock.now() });
  const waits = ledger.expect("1001", "5", { state: "READY", requestId: rid, triggerAt: clock.now() }, T);
  assert.equal(waits.length, 2);
  for (const w of waits) w.confirm();
  assert.equal(sum("finesse_events_expected"), 2);
  clock.advance(40);
  ledger.receive("9001", "1001", "READY", "", T); // Team events may carry no requestId: matched by member and state
  clock.advance(20);
  ledger.receive("9002", "1001", "NOT_READY", "", T); // another state: not this delivery
  ledger.receive("9002", "1001", "READY", "", T);
  assert.deepEqual(values("finesse_event_latency"), [40, 60]);
  assert.equal(sum("finesse_events_received"), 2);
  assert.deepEqual(values("finesse_event_delivery"), [1, 1]);
  assert.equal(ledger.pending, 0);
  assert.ok(samples.every((s) => s.tags.role === "supervisor" && s.tags.node === "team" && s.tags.target === "a"));
});

test("an undelivered expectation is lost after the timeout; late and unsolicited events are ignored", async () => {
  const { clock, ledger, sum, values } = setup();
  ledger.addLocalAgent("1001");
  ledger.addSupervisor("5", "9001");
  const [w] = ledger.expect("1001", "5", { state: "READY", requestId: "r", triggerAt: clock.now() }, T);
  w!.confirm();
  let settled = false;
  void ledger.settled().then(() => (settled = true));
  clock.advance(1_000);
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(settled, true);
  ledger.receive("9001", "1001", "READY", "", T);
  assert.equal(sum("finesse_events_lost"), 1);
  assert.deepEqual(values("finesse_event_delivery"), [0]);
  assert.equal(sum("finesse_events_received"), 0);
});

test("a refused request (cancelled) expects nothing; the supervisor's own changes are not expected of itself", () => {
  const { clock, ledger, samples } = setup();
  ledger.addLocalAgent("1001");
  ledger.addLocalAgent("9001");
  ledger.addSupervisor("5", "9001");
  const waits = ledger.expect("1001", "5", { state: "READY", requestId: "r", triggerAt: clock.now() }, T);
  for (const w of waits) w.cancel();
  assert.deepEqual(ledger.expect("9001", "5", { state: "READY", requestId: "s", triggerAt: clock.now() }, T), []);
  clock.advance(5_000);
  assert.deepEqual(samples, []);
  assert.equal(ledger.pending, 0);
});

test("events of agents driven elsewhere count when their requestId is ours: latency from its time, sequence gaps lost", () => {
  const { clock, ledger, sum, values } = setup();
  ledger.addSupervisor("5", "9001");
  const rid = (seq: number, ago: number) => formatRequestId({ agentId: "2002", seq, epochMs: clock.now() - ago });
  ledger.receive("9001", "2002", "NOT_READY", rid(1, 30), T);
  ledger.receive("9001", "2002", "READY", rid(2, 10), T);
  ledger.receive("9001", "2002", "READY", rid(2, 10), T); // duplicate
  ledger.receive("9001", "2002", "READY", rid(5, 20), T); // 3 and 4 missing
  ledger.receive("9001", "2002", "READY", "", T); // not attributable
  ledger.receive("9001", "2002", "READY", formatRequestId({ agentId: "3003", seq: 9, epochMs: clock.now() }), T); // names another agent
  assert.deepEqual(values("finesse_event_latency"), [30, 10, 20]);
  assert.equal(sum("finesse_events_received"), 3);
  assert.equal(sum("finesse_events_lost"), 2);
  assert.equal(sum("finesse_events_expected"), 5);
  assert.deepEqual(values("finesse_event_delivery"), [1, 1, 0, 0, 1]);
});
