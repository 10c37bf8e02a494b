import assert from "node:assert/strict";
import { test } from "node:test";
import { fixtureVu, iteration, NEVER } from "./test-vu.ts";

test("k6/data: SharedArray generator runs once per process, all VUs get the same frozen array", async () => {
  const a = await fixtureVu("shared.js", 1);
  const b = await fixtureVu("shared.js", 2);
  assert.equal(a.vu.exports.users, b.vu.exports.users, "same object in both VUs");
  const infoA = a.call("info") as Record<string, unknown>;
  const infoB = b.call("info") as Record<string, unknown>;
  assert.deepEqual(infoA, { length: 2, names: ["a", "b"], calls: 1, mutation: "TypeError", frozen: true });
  assert.equal(infoB.calls, 0, "the second VU did not call the generator");
});

test("k6/data: SharedArray outside the init context throws", async () => {
  const t = await fixtureVu("shared.js", 3);
  const outcome = await t.vu.runIteration(iteration(), NEVER);
  assert.match(outcome.error ?? "", /new SharedArray must be called in the init context/);
});
