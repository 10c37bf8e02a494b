// The finesse-load command as users run it: spawned `node src/cli/bin.mjs run …`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const BIN = new URL("./bin.mjs", import.meta.url).pathname;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const env = { ...process.env, CI: "true" };

test("run: exit code 0, -e reaches __ENV, --summary-export is written; a failing check exits 99", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-run-"));
  const exportFile = join(dir, "summary.json");
  const ok = spawnSync(process.execPath, [BIN, "run", "--run-dir", join(dir, "ok"), "-e", "GREETING=hi", "--summary-export", exportFile, fixture("small.js")], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(ok.status, 0, ok.stderr);
  const summary = JSON.parse(readFileSync(exportFile, "utf8")) as { metrics: { iterations: { count: number }; checks: { passes: number } } };
  assert.equal(summary.metrics.iterations.count, 4);
  assert.equal(summary.metrics.checks.passes, 4);
  assert.match(ok.stdout, /TOTAL RESULTS/);
  const failed = spawnSync(process.execPath, [BIN, "run", "--run-dir", join(dir, "failed"), "-q", "--workers", "0", "-e", "GREETING=no", fixture("small.js")], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(failed.status, 99, failed.stderr);
});

test("run: unknown flags and bad values are errors naming the flag (exit 104)", () => {
  const r = spawnSync(process.execPath, [BIN, "run", "--vus", "many", fixture("small.js")], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(r.status, 104);
  assert.match(r.stderr, /invalid argument "many" for "--vus" flag/);
});

test("SIGINT stops the run gracefully: teardown runs, summary, metrics and run.json are written whole, exit 105", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-sigint-"));
  const runDir = join(dir, "run");
  const child = spawn(process.execPath, [BIN, "run", "--run-dir", runDir, fixture("long.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const started = new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no first iteration within 30 s: ${stderr}`)), 30_000);
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes("first iteration")) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await started;
    const during = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8")) as { status: string; exitCode: number | null };
    assert.deepEqual([during.status, during.exitCode], ["incomplete", null], "run.json is there, marked incomplete, while the run goes");
    assert.ok(child.pid !== undefined);
    process.kill(child.pid, "SIGINT");
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000))]);
    assert.equal(code, 105, stderr);
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }
  assert.match(stderr, /teardown ran/);
  assert.match(stdout, /TOTAL RESULTS/);
  assert.match(stdout, /status incomplete, exit code 105/);
  const rec = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8")) as { status: string; exitCode: number; endedAt: string; error: string };
  assert.deepEqual([rec.status, rec.exitCode], ["incomplete", 105]);
  assert.match(rec.error, /signal/);
  const summary = JSON.parse(readFileSync(join(runDir, "summary.json"), "utf8")) as { metrics: Record<string, { values: Record<string, number> }> };
  assert.equal(summary.metrics.vus_max?.values.value, 1, "the handleSummary data of the stopped run");
  const lines = gunzipSync(readFileSync(join(runDir, "metrics.ndjson.gz"))).toString("utf8").trim().split("\n");
  assert.ok(lines.length > 1);
  for (const l of lines) JSON.parse(l);
  for (const f of ["report.html", "report.md", "junit.xml"]) assert.ok(existsSync(join(runDir, f)), f);
});

test("sim: serves until SIGINT, then exits 0; bad options name the option (exit 2)", async () => {
  const bad = spawnSync(process.execPath, [BIN, "sim", "--agents", "many"], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--agents must be a non-negative integer, got "many"/);
  const help = spawnSync(process.execPath, [BIN, "sim", "--help"], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: finesse-load sim \[options\][\s\S]*--port <n>[\s\S]*Exit codes:/);
  const child = spawn(process.execPath, [BIN, "sim", "--port", "0", "--agents", "2", "--supervisors", "1", "--team-size", "2"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const rest = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no REST URL within 30 s: ${stdout}`)), 30_000);
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const m = /REST +(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(stdout);
        const agent = /agent +id (\d+) +password (\S+)/.exec(stdout);
        if (m && agent) {
          clearTimeout(t);
          resolve(`${m[1]}/User/${agent[1]}|${agent[1]}:${agent[2]}`);
        }
      });
    });
    const [url, creds] = rest.split("|") as [string, string];
    const res = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(creds).toString("base64")}` } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<User>/);
    process.kill(child.pid!, "SIGINT");
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000))]);
    assert.equal(code, 0);
    assert.match(stdout, /SIGINT: stopping/);
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }
});

const WAITING_K6 = `#!${process.execPath}
// A stand-in for k6 that runs until SIGINT, then writes its summary export and exits 105 as k6 does.
const fs = require("node:fs");
const zlib = require("node:zlib");
const args = process.argv.slice(2);
if (args[0] === "version") {
  console.log("k6 v2.2.0 (commit/fake, go1.25, linux/amd64)");
  process.exit(0);
}
const summary = args[args.indexOf("--summary-export") + 1];
const out = args[args.indexOf("--out") + 1].replace(/^json=/, "");
fs.writeFileSync(out, zlib.gzipSync(JSON.stringify({ type: "Point", metric: "vus", data: { time: new Date().toISOString(), value: 1, tags: {} } }) + "\\n"));
process.on("SIGINT", () => {
  fs.writeFileSync(summary, JSON.stringify({ root_group: { name: "", path: "", id: "x", groups: {}, checks: {} }, metrics: { iterations: { count: 3, rate: 1 } } }));
  console.log("fake k6 got SIGINT");
  process.exit(105);
});
console.log("fake k6 running");
setTimeout(() => process.exit(1), 60_000);
`;

test("SIGINT with the k6 engine is passed on to k6; the run folder is finished and marked incomplete (exit 105)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-k6-sigint-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "k6"), WAITING_K6, { mode: 0o755 });
  const runDir = join(dir, "run");
  const child = spawn(process.execPath, [BIN, "run", "--engine", "k6", "--run-dir", runDir, fixture("small.js")], {
    env: { ...env, PATH: `${bin}:${process.env.PATH ?? ""}` }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`k6 did not start within 30 s: ${stdout} ${stderr}`)), 30_000);
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes("fake k6 running")) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    process.kill(child.pid!, "SIGINT");
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000))]);
    assert.equal(code, 105, stderr);
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }
  assert.match(stdout, /fake k6 got SIGINT/);
  const rec = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8")) as { status: string; exitCode: number; engine: { name: string; version: string }; files: string[] };
  assert.deepEqual([rec.status, rec.exitCode, rec.engine.name], ["incomplete", 105, "k6"]);
  assert.equal(rec.engine.version, "k6 v2.2.0 (commit/fake, go1.25, linux/amd64)");
  assert.deepEqual(rec.files, ["junit.xml", "metrics.ndjson.gz", "report.html", "report.md", "run.json", "summary.json"]);
});
