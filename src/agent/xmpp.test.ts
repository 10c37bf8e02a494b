// The generic-XMPP pieces that need no server: who publishes and who watches in a block, the trigger payload,
// and the fan-out ledger's accounting of a node's own subscriber next to its watchers.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Agent } from "../config/index.ts";
import type { MetricName } from "../metrics/index.ts";
import { xml } from "../xml/index.ts";
import { FanoutLedger, formatRequestId, nodeName, planXmppBlock, readTrigger, triggerPayload, NS_TRIGGER } from "./index.ts";
import { ManualClock } from "./clock.test-helper.ts";

function agent(id: string, teamId: string, role: Agent["role"] = "agent"): Agent {
  return { id, password: "pw", extension: "1", teamId, role };
}

const BLOCK = [agent("s1", "7", "supervisor"), agent("a1", "7"), agent("a2", "7"), agent("a3", "7"), agent("b1", "8")];

test("node names fill in the agent id and team", () => {
  assert.equal(nodeName("loadtest/agent/{id}", BLOCK[1]!), "loadtest/agent/a1");
  assert.equal(nodeName("t/{team}/{id}/{id}", BLOCK[4]!), "t/8/b1/b1");
});

test("every agent publishes at share 1; supervisors watch their own team's other publishers only", () => {
  const roles = planXmppBlock(BLOCK, "n/{id}", 1);
  assert.deepEqual(roles.map((r) => r.node), ["n/s1", "n/a1", "n/a2", "n/a3", "n/b1"]);
  assert.deepEqual(roles[0]!.watch, ["n/a1", "n/a2", "n/a3"]);
  assert.ok(roles.slice(1).every((r) => r.watch.length === 0));
});

test("a publisher share is spread evenly over the block; share 0 publishes nothing", () => {
  const half = planXmppBlock(BLOCK, "n/{id}", 0.5);
  assert.deepEqual(half.map((r) => r.node), [undefined, "n/a1", undefined, "n/a3", undefined]);
  assert.deepEqual(half[0]!.watch, ["n/a1", "n/a3"]);
  assert.ok(planXmppBlock(BLOCK, "n/{id}", 0).every((r) => r.node === undefined && r.watch.length === 0));
});

test("the trigger payload carries its id in its own namespace; other payloads are not triggers", () => {
  const el = triggerPayload("fl-a1-3-1700000000000");
  assert.equal(el.toString(), `<trigger xmlns="${NS_TRIGGER}" id="fl-a1-3-1700000000000"/>`);
  assert.equal(readTrigger(el), "fl-a1-3-1700000000000");
  assert.equal(readTrigger(xml("trigger", { xmlns: "urn:other", id: "x" })), undefined);
  assert.equal(readTrigger(xml("notification", { xmlns: "urn:xmpp:push:0" })), undefined);
  assert.equal(readTrigger(undefined), undefined);
});

test("a node's own subscriber counts as publisher next to its watchers; a delivery settles only its own trigger", () => {
  const clock = new ManualClock();
  const samples: { metric: MetricName; value: number; tags: Record<string, string> }[] = [];
  const ledger = new FanoutLedger(clock, (metric, value, tags) => samples.push({ metric, value, tags: { ...tags } }), 1_000);
  ledger.addLocalAgent("a1");
  ledger.addSupervisor("n/a1", "a1", { role: "publisher", node: "agent" }, true);
  const stopWatching = ledger.addSupervisor("n/a1", "s1", { role: "watcher", node: "agent" });
  const first = formatRequestId({ agentId: "a1", seq: 1, epochMs: clock.now() });
  const waits = ledger.expect("a1", "n/a1", { state: first, requestId: first, triggerAt: clock.now() }, { target: "x" });
  assert.equal(waits.length, 2);
  for (const w of waits) w.confirm();
  clock.advance(5);
  const stale = formatRequestId({ agentId: "a1", seq: 9, epochMs: clock.now() - 60_000 });
  ledger.receive("a1", "a1", stale, stale, { target: "x" }); // an old item sent on subscribe: not this trigger
  assert.equal(ledger.pending, 2);
  ledger.receive("a1", "a1", first, first, { target: "x" });
  clock.advance(1_000); // the watcher never got it
  const latency = samples.filter((s) => s.metric === "finesse_event_latency");
  assert.deepEqual(latency.map((s) => [s.value, s.tags.role, s.tags.node]), [[5, "publisher", "agent"]]);
  const lost = samples.filter((s) => s.metric === "finesse_events_lost");
  assert.deepEqual(lost.map((s) => s.tags.role), ["watcher"]);
  stopWatching();
  assert.equal(ledger.expect("a1", "n/a1", { state: "x", requestId: "x", triggerAt: clock.now() }, {}).length, 1);
});
