import { test } from "node:test";
import assert from "node:assert/strict";
import type { FinesseUpdate, StateChange, UserInfo } from "../finesse/index.ts";
import type { MetricName } from "../metrics/index.ts";
import { FanoutLedger, type AgentPorts } from "./index.ts";
import { StateChanges } from "./state-changes.ts";
import { ManualClock } from "./clock.test-helper.ts";

function setup(put: (change: StateChange, requestId: string) => Promise<void>) {
  const clock = new ManualClock();
  const samples: { metric: MetricName; value: number; tags: Record<string, string> }[] = [];
  const errors: unknown[] = [];
  const ports = { clock, record: (metric: MetricName, value: number, tags: Record<string, string>) => samples.push({ metric, value, tags }) } as unknown as AgentPorts;
  const ledger = new FanoutLedger(clock, ports.record, 1_000);
  ledger.addSupervisor("5", "9001");
  const changes = new StateChanges(ports, { agentId: "1001", teamId: "5", ledger, eventTimeoutMs: 1_000, tags: () => ({ target: "a" }), put, error: (e) => errors.push(e) });
  const count = (metric: MetricName, role: string) => samples.filter((s) => s.metric === metric && s.tags.role === role).reduce((a, s) => a + s.value, 0);
  return { clock, samples, errors, changes, ledger, count };
}

const user = (state: string) => ({ state } as UserInfo);
const tick = () => new Promise((r) => setImmediate(r));

test("an event that overtakes the 202 still times the change", async () => {
  let rid = "";
  let accept!: () => void;
  const h = setup((_c, r) => ((rid = r), new Promise<void>((res) => (accept = res))));
  const done = h.changes.change({ state: "READY" }, "READY");
  h.clock.advance(25);
  assert.equal(h.changes.onUserUpdate({ kind: "user", user: user("READY"), event: "PUT", requestId: rid, source: "" } as FinesseUpdate), true);
  accept();
  assert.equal(await done, true);
  assert.deepEqual(h.samples.filter((s) => s.metric === "finesse_event_latency").map((s) => s.value), [25]);
  assert.equal(h.count("finesse_events_expected", "self"), 1);
  assert.equal(h.count("finesse_events_expected", "supervisor"), 1);
});

test("an asynchronous <apiErrors> event refuses the change: counted as a finesse_api error, no Team delivery expected", async () => {
  let rid = "";
  const h = setup(async (_c, r) => void (rid = r));
  const done = h.changes.change({ state: "READY" }, "READY");
  await tick();
  h.changes.onUserUpdate({ kind: "api-error", errors: [{ errorType: "Invalid State", errorMessage: "", errorData: "" }], event: "PUT", requestId: rid, source: "" });
  assert.equal(await done, false);
  assert.deepEqual(h.samples.filter((s) => s.metric === "harness_errors").map((s) => s.tags.condition), ["Invalid State"]);
  h.clock.advance(5_000);
  assert.equal(h.count("finesse_events_lost", "supervisor"), 0);
  assert.equal(h.ledger.pending, 0);
});

test("a refused request expects nothing; an unanswered one is lost after the event timeout", async () => {
  const refused = setup(async () => {
    throw new Error("503");
  });
  assert.equal(await refused.changes.change({ state: "READY" }, "READY"), false);
  assert.equal(refused.errors.length, 1);
  assert.deepEqual(refused.samples, []);

  const silent = setup(async () => {});
  const done = silent.changes.change({ state: "NOT_READY" }, "NOT_READY");
  await tick();
  silent.clock.advance(1_000);
  assert.equal(await done, false);
  assert.equal(silent.count("finesse_events_lost", "self"), 1);
  assert.equal(silent.count("finesse_events_lost", "supervisor"), 1);
  assert.equal(silent.changes.onUserUpdate({ kind: "user", user: user("NOT_READY"), event: "PUT", requestId: "", source: "" } as FinesseUpdate), false, "late");
});
