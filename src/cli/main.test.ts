import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCommands, main } from "./main.ts";
import type { CliIo } from "./io.ts";

function io() {
  const buf = { out: "", err: "" };
  const value: CliIo = { stdout: (t) => (buf.out += t), stderr: (t) => (buf.err += t), isStdOutTTY: false, isStdErrTTY: false, env: {}, cwd: process.cwd() };
  return { buf, io: value };
}

test("commands are discovered from the commands folder", async () => {
  const names = (await loadCommands()).map((c) => c.name);
  assert.ok(names.includes("run"));
});

test("unknown commands and no command print usage with a non-zero code", async () => {
  const a = io();
  assert.equal(await main(["frobnicate"], a.io), 2);
  assert.match(a.buf.err, /unknown command "frobnicate"/);
  assert.match(a.buf.err, /run +run a scenario or k6 script/);
  assert.match(a.buf.err, /sim +start the Finesse simulator/);
  assert.match(a.buf.err, /build +bundle the scenarios/);
  const b = io();
  assert.equal(await main([], b.io), 2);
  const c = io();
  assert.equal(await main(["run", "--help"], c.io), 0);
  assert.match(c.buf.out, /--summary-export FILE/);
  assert.match(c.buf.out, /--engine ENGINE/);
  assert.match(c.buf.out, /Exit codes \(k6's\):[\s\S]*99 +thresholds failed[\s\S]*105 +stopped by SIGINT/);
  const d = io();
  assert.equal(await main(["run", "--vus", "x", "s.js"], d.io), 104);
  assert.match(d.buf.err, /invalid argument "x" for "--vus" flag/);
});
