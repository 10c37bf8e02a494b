import { test } from "node:test";
import assert from "node:assert/strict";
import { openFilesLimit, placeVu, vusPerProcess } from "./plan.ts";

test("the open-files limit is read from the system", () => {
  const limit = openFilesLimit();
  assert.ok(limit !== undefined && limit > 0, `limit ${limit}`);
});

test("VUs per process follow the open-files limit and the files per VU", () => {
  assert.equal(vusPerProcess(20_000, 1), 19_800);
  assert.equal(vusPerProcess(20_000, 2), 9_900);
  assert.equal(vusPerProcess(150, 1), 1);
  assert.equal(vusPerProcess(Number.POSITIVE_INFINITY, 1), Number.MAX_SAFE_INTEGER);
});

test("VUs are spread round-robin over threads, one per thread when blocking, then over child processes", () => {
  const plan = { perProcess: 4, threads: 2, blocking: false };
  assert.deepEqual([1, 2, 3, 4, 5, 8, 9].map((id) => placeVu(id, plan)), [
    { process: 0, thread: 0 }, { process: 0, thread: 1 }, { process: 0, thread: 0 }, { process: 0, thread: 1 },
    { process: 1, thread: 0 }, { process: 1, thread: 0 }, { process: 2, thread: 0 },
  ]);
  const blocking = { perProcess: 100, threads: 2, blocking: true };
  assert.deepEqual([1, 2, 3].map((id) => placeVu(id, blocking).thread), [0, 1, 2]);
});
