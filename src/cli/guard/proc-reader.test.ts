import { test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, openSync, readdirSync } from "node:fs";
import { linuxProc } from "./proc-reader.ts";

const linux = process.platform === "linux";

test("open files of a process: counts what it opens and closes; a process that is gone is undefined", { skip: !linux }, () => {
  const proc = linuxProc();
  const before = proc.fdCount(process.pid)!;
  assert.ok(Math.abs(before - readdirSync("/proc/self/fd").length) <= 1, "the listing's own fd aside, the same count");
  const fds = Array.from({ length: 5 }, () => openSync("/dev/null", "r"));
  try {
    assert.equal(proc.fdCount(process.pid), before + 5);
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  assert.equal(proc.fdCount(process.pid), before);
  assert.equal(proc.fdCount(2 ** 22 + 1), undefined, "above pid_max: no such process");
});
