import assert from "node:assert/strict";
import { test } from "node:test";
import { EventLoop } from "./loop.ts";
import { VuTimers } from "./timers.ts";

function setup() {
  const loop = new EventLoop();
  const warnings: string[] = [];
  const timers = new VuTimers(loop, globalThis, (m) => warnings.push(m));
  const done = loop.start();
  return { loop, timers, warnings, done };
}

test("timers run by due time, ties in creation order, and the iteration ends when none is left", async () => {
  const { timers, done } = setup();
  const order: string[] = [];
  // due = arm time + delay; delays ≥ 200 ms apart so that a slow machine cannot reorder them
  timers.setTimeout(() => order.push("b400"), 400);
  timers.setTimeout(() => order.push("a0"), 0);
  timers.setTimeout(() => order.push("c400"), 400);
  timers.setTimeout(() => order.push("d200"), 200);
  timers.setTimeout((x: unknown) => order.push(`e0-${String(x)}`), -5, "arg");
  assert.equal(timers.pending, 5);
  const r = await done;
  assert.deepEqual(order, ["a0", "e0-arg", "d200", "b400", "c400"]);
  assert.equal(r.interrupted, false);
  assert.equal(timers.pending, 0);
});

test("cleared timers never run, whatever their place in the queue; clearing unknown ids is a no-op", async () => {
  const { timers, done } = setup();
  const ran: number[] = [];
  const ids: number[] = [];
  // many timers with interleaved due times, most of them cleared (the heap compacts meanwhile)
  // due = arm time + delay: delays 200 ms apart keep the buckets apart however long arming takes
  for (let i = 0; i < 300; i++) ids.push(timers.setTimeout(() => ran.push(i), (i % 4) * 200));
  for (let i = 0; i < 300; i++) if (i % 5 !== 0) timers.clearTimeout(ids[i]);
  timers.clearTimeout(99_999);
  timers.clearTimeout("not an id");
  assert.equal(timers.pending, 60);
  await done;
  const kept = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 5 === 0);
  assert.deepEqual([...ran].sort((a, b) => a - b), kept, "exactly the timers not cleared ran");
  for (let b = 0; b < 4; b++) {
    const bucket = ran.filter((i) => i % 4 === b);
    assert.deepEqual(bucket, kept.filter((i) => i % 4 === b), `same delay (${b * 200} ms): creation order`);
  }
});

test("an interval re-arms after its callback until cleared, also from inside its own callback", async () => {
  const { timers, done } = setup();
  let n = 0;
  const id = timers.setInterval(() => {
    n++;
    if (n === 3) timers.clearInterval(id);
  }, 5);
  let m = 0;
  const other = timers.setInterval(() => void m++, 5);
  timers.setTimeout(() => timers.clearInterval(other), 60);
  await done;
  assert.equal(n, 3);
  assert.ok(m >= 1, `the other interval ran ${m} times`);
  assert.equal(timers.pending, 0);
});

test("ids count from 1 per VU and never reset; dropAll reports pending timers in id order on interruption", async () => {
  const { loop, timers, warnings, done } = setup();
  assert.equal(timers.setTimeout(() => {}, 50_000), 1);
  assert.equal(timers.setInterval(() => {}, 10), 2);
  assert.equal(timers.setTimeout(() => {}, 1), 3);
  timers.clearTimeout(3);
  loop.onStop = (interrupted) => timers.dropAll(interrupted);
  loop.interrupt();
  const r = await done;
  assert.equal(r.interrupted, true);
  assert.deepEqual(warnings, [
    "setTimeout 1 was stopped because the VU iteration was interrupted",
    "setInterval 2 was stopped because the VU iteration was interrupted",
  ]);
  assert.equal(timers.pending, 0);
  assert.throws(() => timers.setTimeout("not a function" as unknown as () => void), /setTimeout's callback isn't a callable function/);
});
