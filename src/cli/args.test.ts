import { test } from "node:test";
import assert from "node:assert/strict";
import { parseArgs, UsageError, type FlagSpec } from "./args.ts";

const specs: FlagSpec[] = [
  { name: "vus", short: "u", type: "int", help: "" },
  { name: "env", short: "e", type: "string", repeat: true, help: "" },
  { name: "quiet", short: "q", type: "bool", help: "" },
];

test("long, short, inline and attached forms; repeatable flags; positionals", () => {
  const p = parseArgs(["--vus", "3", "-e", "A=1", "--env=B=2", "-eC=3", "-q", "script.js", "-u=7"], specs);
  assert.deepEqual(p.flags.get("vus"), [7]);
  assert.deepEqual(p.flags.get("env"), ["A=1", "B=2", "C=3"]);
  assert.deepEqual(p.flags.get("quiet"), [true]);
  assert.deepEqual(p.positionals, ["script.js"]);
  assert.deepEqual(parseArgs(["--", "-q"], specs).positionals, ["-q"]);
});

test("unknown flags, missing and bad values name the flag", () => {
  assert.throws(() => parseArgs(["--nope"], specs), (e: unknown) => e instanceof UsageError && e.flag === "--nope" && /unknown flag: --nope/.test(e.message));
  assert.throws(() => parseArgs(["-x"], specs), /unknown flag: -x/);
  assert.throws(() => parseArgs(["--vus"], specs), /flag needs an argument: --vus/);
  assert.throws(() => parseArgs(["-u", "ten"], specs), /invalid argument "ten" for "-u" flag/);
  assert.throws(() => parseArgs(["--quiet=maybe"], specs), /invalid argument "maybe" for "--quiet"/);
});
