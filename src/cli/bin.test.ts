// The finesse-load command as users run it: spawned `node src/cli/bin.mjs run …`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = new URL("./bin.mjs", import.meta.url).pathname;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const env = { ...process.env, CI: "true" };

test("run: exit code 0, -e reaches __ENV, --summary-export is written; a failing check exits 99", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-run-"));
  const exportFile = join(dir, "summary.json");
  const ok = spawnSync(process.execPath, [BIN, "run", "-e", "GREETING=hi", "--summary-export", exportFile, fixture("small.js")], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(ok.status, 0, ok.stderr);
  const summary = JSON.parse(readFileSync(exportFile, "utf8")) as { metrics: { iterations: { count: number }; checks: { passes: number } } };
  assert.equal(summary.metrics.iterations.count, 4);
  assert.equal(summary.metrics.checks.passes, 4);
  assert.match(ok.stdout, /TOTAL RESULTS/);
  const failed = spawnSync(process.execPath, [BIN, "run", "-q", "--workers", "0", "-e", "GREETING=no", fixture("small.js")], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(failed.status, 99, failed.stderr);
});

test("run: unknown flags and bad values are errors naming the flag (exit 104)", () => {
  const r = spawnSync(process.execPath, [BIN, "run", "--vus", "many", fixture("small.js")], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(r.status, 104);
  assert.match(r.stderr, /invalid argument "many" for "--vus" flag/);
});

test("SIGINT stops the run gracefully: teardown runs, the summary is written, exit 105", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-sigint-"));
  const exportFile = join(dir, "summary.json");
  const child = spawn(process.execPath, [BIN, "run", "--summary-export", exportFile, fixture("long.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
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
    assert.ok(child.pid !== undefined);
    process.kill(child.pid, "SIGINT");
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000))]);
    assert.equal(code, 105, stderr);
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }
  assert.match(stderr, /teardown ran/);
  assert.ok(existsSync(exportFile), "summary export written");
  assert.match(stdout, /TOTAL RESULTS/);
});
