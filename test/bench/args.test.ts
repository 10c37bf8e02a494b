import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBenchArgs } from "./args.ts";

test("bench flags: defaults, the ramp from the session count, and --only", () => {
  const d = parseBenchArgs([]);
  assert.equal(d.sessions, 4000);
  assert.equal(d.rampS, 20);
  assert.deepEqual([...d.only].sort(), ["events", "held", "init", "login", "runtime"]);
  const a = parseBenchArgs(["--sessions", "20000", "--only", "held,login", "--cpu-prof"]);
  assert.equal(a.sessions, 20000);
  assert.equal(a.rampS, 100);
  assert.deepEqual([...a.only].sort(), ["held", "login"]);
  assert.equal(a.cpuProf, true);
  assert.equal(parseBenchArgs(["--sessions", "1000", "--ramp-s", "0"]).rampS, 0);
});

test("bench flags: every bad flag or value is named", () => {
  assert.throws(() => parseBenchArgs(["--sessions", "25000"]), /--sessions: expected a whole number from 1 to 20000, got "25000"/);
  assert.throws(() => parseBenchArgs(["--sessions"]), /--sessions: expected a whole number .* got ""/);
  assert.throws(() => parseBenchArgs(["--hold-s", "2.5"]), /--hold-s/);
  assert.throws(() => parseBenchArgs(["--only", "held,speed"]), /--only: expected some of held,login,events,init,runtime, got "held,speed"/);
  assert.throws(() => parseBenchArgs(["--fast"]), /unknown argument "--fast"/);
});
