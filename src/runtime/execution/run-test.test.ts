// End to end through runTest with real VUs and the real metrics engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTest, type RunOptions } from "../index.ts";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function run(name: string, o: RunOptions = {}) {
  let out = "";
  let err = "";
  const result = await runTest(fixture(name), {
    workers: 0,
    includeSystemEnv: false,
    processEnv: {},
    console: { stdout: (t) => (out += t), stderr: (t) => (err += t), isStdOutTTY: false, isStdErrTTY: false },
    ...o,
  });
  const metrics = (result.summaryData?.metrics ?? {}) as Record<string, { values: Record<string, number> }>;
  return { result, out, err, metrics };
}

test("a passing script exits 0 with setup data, custom metrics and checks in the summary", async () => {
  const { result, metrics, out } = await run("basic.js");
  assert.equal(result.exitCode, 0, result.error);
  assert.equal(metrics.iterations?.values.count, 8);
  assert.equal(metrics.hits?.values.count, 8);
  assert.equal(metrics.checks?.values.passes, 8);
  assert.deepEqual(result.summaryData?.setup_data, { token: "abc" });
  assert.match(out, /THRESHOLDS/);
});

test("failed thresholds exit 99; an invalid threshold or option exits 104", async () => {
  const crossed = await run("basic.js", { env: { HITS_THRESHOLD: "count>100" } });
  assert.equal(crossed.result.exitCode, 99);
  assert.match(crossed.err, /thresholds on metrics 'hits' have been crossed/);
  const bad = await run("basic.js", { env: { HITS_THRESHOLD: "avg<1" } });
  assert.equal(bad.result.exitCode, 104);
  assert.match(bad.err, /hits/);
  const conflict = await run("basic.js", { vus: 10 });
  assert.equal(conflict.result.exitCode, 104);
  assert.match(conflict.err, /iterations \(8\) can't be less than the number of VUs \(10\)/);
});

test("script errors in init, setup and teardown exit 107; a setup timeout exits 100", async () => {
  for (const c of ["init", "setup", "teardown"]) {
    const r = await run("lifecycle-errors.js", { env: { CASE: c } });
    assert.equal(r.result.exitCode, 107, `${c}: ${r.result.error}`);
  }
  const timeout = await run("lifecycle-errors.js", { env: { CASE: "setup-timeout" } });
  assert.equal(timeout.result.exitCode, 100);
});

test("test.abort() exits 108; test.fail() exits 110 and wins over failed thresholds", async () => {
  const abort = await run("lifecycle-errors.js", { env: { CASE: "abort" } });
  assert.equal(abort.result.exitCode, 108);
  assert.match(abort.result.error ?? "", /stop here/);
  assert.equal((await run("lifecycle-errors.js", { env: { CASE: "fail" } })).result.exitCode, 110);
  assert.equal((await run("lifecycle-errors.js", { env: { CASE: "fail-and-thresholds" } })).result.exitCode, 110);
});

test("handleSummary output replaces the default summary; --summary-export is written as well", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rt-summary-"));
  const file = join(dir, "mine.json");
  const exportFile = join(dir, "export.json");
  const { result, out } = await run("summary.js", { env: { OUT_FILE: file }, summaryExport: exportFile });
  assert.equal(result.exitCode, 0);
  assert.equal(out, "custom summary: 2 iterations\n");
  assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), { iterations: 2 });
  assert.equal((JSON.parse(readFileSync(exportFile, "utf8")) as { metrics: { iterations: { count: number } } }).metrics.iterations.count, 2);
});

test("results merged from 2 worker threads equal a single-thread run", async () => {
  const single = await run("basic.js", { iterations: 40, vus: 4 });
  const multi = await run("basic.js", { iterations: 40, vus: 4, workers: 2 });
  assert.equal(single.result.exitCode, 99, "the count==8 threshold fails with 40 iterations");
  assert.equal(multi.result.exitCode, 99);
  for (const [metric, stat] of [["iterations", "count"], ["hits", "count"], ["checks", "passes"], ["checks", "fails"], ["iteration_duration", "count"]] as const) {
    assert.equal(multi.metrics[metric]?.values[stat] ?? 0, single.metrics[metric]?.values[stat] ?? 0, `${metric}.${stat}`);
  }
  assert.equal(multi.metrics.iterations?.values.count, 40);
  assert.equal(multi.metrics.vus_max?.values.value, 4);
});

test("blocking scripts get one VU per thread and a sleeping VU is interrupted at gracefulStop", async () => {
  const started = Date.now();
  const { result, metrics } = await run("sleepy.js", { workers: 1 });
  assert.equal(result.exitCode, 0, result.error);
  assert.equal(metrics.iterations?.values.count ?? 0, 0, "interrupted iterations are not counted");
  assert.equal(metrics.vus_max?.values.value, 2);
  assert.ok(Date.now() - started < 20_000, "did not wait for the 30 s sleep");
});

test("--out json: samples of VUs in worker threads reach the NDJSON file once each", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rt-json-"));
  const file = join(dir, "out.json");
  const { result, metrics } = await run("basic.js", { workers: 2, out: [`json=${file}`] });
  assert.equal(result.exitCode, 0, result.error);
  const lines = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string; metric: string });
  const points = (m: string) => lines.filter((l) => l.type === "Point" && l.metric === m).length;
  assert.equal(points("iterations"), 8);
  assert.equal(points("hits"), metrics.hits?.values.count);
  assert.equal(lines.filter((l) => l.type === "Metric" && l.metric === "hits").length, 1);
});

test("a setup() blocked in sleep() times out (exit 100) without waiting for the sleep", async () => {
  const started = Date.now();
  const { result } = await run("blocking-setup.js", { workers: 1 });
  assert.equal(result.exitCode, 100);
  assert.ok(Date.now() - started < 45_000, "did not wait for the 60 s sleep");
});
