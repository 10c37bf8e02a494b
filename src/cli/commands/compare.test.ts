import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "../../xml/index.ts";
import type { CliIo } from "../io.ts";
import { command } from "./compare.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "report", "fixtures");
const PASS = join(FIXTURES, "smoke-pass.json");
const PASS_EXPORT = join(FIXTURES, "smoke-pass.export.json");
const FAIL = join(FIXTURES, "smoke-fail.json");

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isStdOutTTY: false, isStdErrTTY: false, env: {}, cwd };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "cli-compare-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("no regression exits 0: the handleSummary file against the --summary-export file of the same run", async () => {
  const x = io(tmpdir());
  assert.equal(await command.run([PASS, PASS_EXPORT], x), 0, x.err.join(""));
  assert.match(x.out.join(""), /^No regressions\.$/m);
});

test("a regression exits 1, is named in the output and written as JUnit", () => withDir(async (dir) => {
  const x = io(dir);
  assert.equal(await command.run([PASS, FAIL, "--junit", "cmp.xml"], x), 1);
  const out = x.out.join("");
  assert.match(out, /^REGRESSIONS \(\d+\):$/m);
  assert.match(out, /threshold harness_errors: count==0: passed in the baseline, failed in the candidate/);
  const root = parse(await readFile(join(dir, "cmp.xml"), "utf8"));
  const failed = root.getChildren("testsuite").flatMap((s) => s.getChildren("testcase")).filter((c) => c.getChild("failure"));
  assert.equal(String(failed.length), root.attrs.failures);
  assert.ok(failed.some((c) => c.attrs.name === "finesse_login_success rate"));
  assert.ok(failed.some((c) => c.attrs.name === "harness_errors: count==0"));
  assert.deepEqual(await readdir(dir), ["cmp.xml"]);
}));

test("tolerances from the command line decide the verdict", () => withDir(async (dir) => {
  const base = JSON.parse(await readFile(PASS, "utf8")) as { metrics: Record<string, { values: Record<string, number> }> };
  base.metrics.finesse_event_latency!.values["p(95)"] = 63.4 * 1.15; // +9.5 ms, +15 %
  await writeFile(join(dir, "slower.json"), JSON.stringify(base));
  const run = async (...flags: string[]): Promise<number> => command.run([PASS, "slower.json", ...flags], io(dir));
  assert.equal(await run(), 1);
  assert.equal(await run("--tolerance", "finesse_event_latency=20%"), 0);
  assert.equal(await run("-t", "20%"), 0);
  assert.equal(await run("--min-delta", "10ms"), 0);
  assert.equal(await run("--tolerance", "finesse_event_latency=5"), 1);
}));

test("bad flags and inputs exit 2 naming the flag or file; no JUnit is written", () => withDir(async (dir) => {
  const expect = async (argv: string[], message: RegExp): Promise<void> => {
    const x = io(dir);
    assert.equal(await command.run(argv, x), 2, argv.join(" "));
    assert.match(x.err.join(""), message);
  };
  await expect([PASS], /compare takes a baseline and a candidate, got 1 argument$/m);
  await expect([PASS, FAIL, "--threshold", "5%"], /unknown flag: --threshold/);
  await expect([PASS, FAIL, "--tolerance", "much"], /--tolerance: tolerance "much"/);
  await expect([PASS, FAIL, "--min-delta", "soon"], /--min-delta: minimum delta "soon"/);
  await expect([PASS, "absent.json", "--junit", "x.xml"], /absent\.json: no such file/);
  await writeFile(join(dir, "list.json"), "[]");
  await expect(["list.json", PASS], /list\.json: \(document\): expected an object/);
  await expect([PASS, FAIL, "--junit", join("no-such-dir", "x.xml")], /--junit no-such-dir\/x\.xml: cannot write/);
  assert.deepEqual(await readdir(dir), ["list.json"]);
}));

test("run folders are compared through their summary.json", () => withDir(async (dir) => {
  await mkdir(join(dir, "run"));
  await copyFile(FAIL, join(dir, "run", "summary.json"));
  const x = io(dir);
  assert.equal(await command.run([PASS, "run"], x), 1);
  assert.match(x.out.join(""), /^Candidate: run$/m);
}));

test("--help prints the usage and exit codes", async () => {
  const x = io(tmpdir());
  assert.equal(await command.run(["-h"], x), 0);
  assert.match(x.out.join(""), /^Usage: finesse-load compare \[flags\] BASELINE CANDIDATE/);
  assert.match(x.out.join(""), /1 {2}at least one regression/);
});

test("the finesse-load binary exits with compare's codes", () => {
  const bin = join(import.meta.dirname, "..", "bin.mjs");
  const status = (...args: string[]): number | null => spawnSync(process.execPath, [bin, "compare", ...args], { encoding: "utf8", timeout: 60_000 }).status;
  assert.equal(status(PASS, PASS), 0);
  assert.equal(status(PASS, FAIL), 1);
  assert.equal(status(PASS, "absent.json"), 2);
});
