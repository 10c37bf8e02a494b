import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, type Element } from "../../xml/index.ts";
import type { CliIo } from "../io.ts";
import { command } from "./report.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "report", "fixtures");

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isStdOutTTY: false, isStdErrTTY: false, env: {}, cwd };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "cli-report-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const cases = (suite: Element): Element[] => suite.getChildren("testcase");

test("report writes report.html, report.md and junit.xml; the JUnit parses back with a case per threshold and check", () => withDir(async (dir) => {
  const x = io(dir);
  const code = await command.run([join(FIXTURES, "smoke-fail.json"), "--out", "out", "--metrics", join(FIXTURES, "smoke-fail.ndjson.gz")], x);
  assert.equal(code, 0, x.err.join(""));
  assert.deepEqual((await readdir(join(dir, "out"))).sort(), ["junit.xml", "report.html", "report.md"]);
  const html = await readFile(join(dir, "out", "report.html"), "utf8");
  assert.match(html, /id="verdict">FAIL: 8 of 11 thresholds passed</);
  assert.match(html, /data-chart="errors" data-points="1"/);
  const root = parse(await readFile(join(dir, "out", "junit.xml"), "utf8"));
  assert.equal(root.name, "testsuites");
  assert.deepEqual([root.attrs.tests, root.attrs.failures], ["19", "10"]);
  const [thresholds, checks] = root.getChildren("testsuite");
  assert.equal(thresholds?.attrs.name, "thresholds");
  assert.equal(cases(thresholds!).length, 11);
  const login = cases(thresholds!).find((c) => c.attrs.name === "finesse_login_success: rate==1");
  assert.equal(login?.getChild("failure")?.attrs.message, "finesse_login_success rate==1 failed: rate = 50.00%");
  const ttr = cases(thresholds!).find((c) => c.attrs.name === "xmpp_time_to_ready: p(95)<2000");
  assert.equal(ttr?.getChild("failure"), undefined);
  assert.equal(checks?.attrs.name, "checks");
  assert.equal(cases(checks!).length, 8);
  assert.equal(cases(checks!).filter((c) => c.getChild("failure")).length, 7);
  const md = await readFile(join(dir, "out", "report.md"), "utf8");
  assert.match(md, /\| harness_errors \| finesse_api \| Authorization Failure \| 2 \|/);
  assert.match(x.out.join(""), /^8 of 11 thresholds passed \(FAIL\)\nwrote .*report\.html\nwrote .*report\.md\nwrote .*junit\.xml\n$/);
}));

test("a run folder is read as its summary.json, metrics.ndjson.gz and run.json and written into", () => withDir(async (dir) => {
  const run = join(dir, "20260101T000000Z-smoke");
  await mkdir(run);
  await copyFile(join(FIXTURES, "smoke-fail.json"), join(run, "summary.json"));
  await copyFile(join(FIXTURES, "smoke-fail.ndjson.gz"), join(run, "metrics.ndjson.gz"));
  await writeFile(join(run, "run.json"), JSON.stringify({ scenario: "smoke", status: "incomplete", generator: { trusted: false, warnings: [] } }));
  const x = io(dir);
  assert.equal(await command.run([run], x), 0, x.err.join(""));
  assert.match(await readFile(join(run, "report.md"), "utf8"), /from the metrics file/);
  assert.match(await readFile(join(run, "report.md"), "utf8"), /^# finesse-load run report: smoke\n\n> \*\*Incomplete run\*\*/);
  const html = await readFile(join(run, "report.html"), "utf8");
  assert.match(html, /id="status">Incomplete run/);
  assert.match(html, /Untrusted: load generator saturated/);
  assert.match(html, /data-chart="sessions"/);
  assert.deepEqual((await readdir(run)).sort(), ["junit.xml", "metrics.ndjson.gz", "report.html", "report.md", "run.json", "summary.json"]);
  await writeFile(join(run, "run.json"), JSON.stringify({ status: ["complete"] }));
  const bad = io(dir);
  assert.equal(await command.run([run], bad), 2);
  assert.match(bad.err.join(""), /run\.json: status: expected a string, got \["complete"\]/);
  await rm(join(run, "summary.json"));
  const y = io(dir);
  assert.equal(await command.run([run], y), 2);
  assert.match(y.err.join(""), /a run folder must hold summary\.json/);
}));

test("bad flags and inputs exit 2 with a message naming the flag or file, and write nothing", () => withDir(async (dir) => {
  const expect = async (argv: string[], message: RegExp): Promise<void> => {
    const x = io(dir);
    assert.equal(await command.run(argv, x), 2, argv.join(" "));
    assert.match(x.err.join(""), message);
  };
  const summary = join(FIXTURES, "smoke-pass.json");
  await expect([summary, "--bogus"], /^finesse-load report: unknown flag: --bogus/);
  await expect([summary, "--out"], /flag needs an argument: --out/);
  await expect([], /a summary file or run folder is required/);
  await expect([summary, summary], /report takes one summary, got 2/);
  await expect(["missing.json"], /missing\.json: no such file/);
  await writeFile(join(dir, "bad.json"), JSON.stringify({ metrics: { checks: { type: "rate", values: {} } }, root_group: { checks: [] } }));
  await expect(["bad.json"], /bad\.json: metrics\["checks"\]\.values\.rate: missing/);
  await expect([summary, "--metrics", "nope.ndjson.gz"], /nope\.ndjson\.gz: no such file/);
  await expect([summary, "--run", "nope.json"], /nope\.json: no such file/);
  await writeFile(join(dir, "file"), "x");
  await expect([summary, "--out", "file"], /--out file: cannot write/);
  assert.deepEqual((await readdir(dir)).sort(), ["bad.json", "file"]);
}));

test("an output that cannot be renamed into place leaves neither file nor temporary behind", () => withDir(async (dir) => {
  await mkdir(join(dir, "out", "junit.xml"), { recursive: true }); // a folder where junit.xml would go
  const x = io(dir);
  assert.equal(await command.run([join(FIXTURES, "smoke-pass.json"), "--out", "out"], x), 2);
  assert.match(x.err.join(""), /--out out: cannot write/);
  assert.deepEqual(await readdir(join(dir, "out")), ["junit.xml"]);
}));

test("--help prints the usage and exit codes", async () => {
  const x = io(tmpdir());
  assert.equal(await command.run(["--help"], x), 0);
  assert.match(x.out.join(""), /^Usage: finesse-load report \[flags\] SUMMARY\.json\|RUN-DIR/);
  assert.match(x.out.join(""), /--metrics FILE/);
  assert.match(x.out.join(""), /--run FILE/);
  assert.match(x.out.join(""), /report\.html is one self-contained page/);
  assert.match(x.out.join(""), /Exit codes:/);
});
