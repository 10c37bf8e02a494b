import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { guardOff } from "../guard/index.ts";
import { hostFacts } from "./host.ts";
import { RunRecordWriter, statusOf, type RunRecord } from "./record.ts";

test("status from k6's exit code: finished (pass or fail), stopped early, or failed to run", () => {
  assert.equal(statusOf(0), "complete");
  assert.equal(statusOf(99), "complete");
  assert.equal(statusOf(110), "complete");
  assert.equal(statusOf(99, true), "incomplete", "abortOnFail stopped it");
  assert.equal(statusOf(105), "incomplete");
  assert.equal(statusOf(108), "incomplete");
  for (const code of [1, 100, 101, 104, 107, 109]) assert.equal(statusOf(code), "failed", String(code));
});

test("run.json writes land whole and in call order, leaving no temporary file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-record-"));
  try {
    const w = new RunRecordWriter(join(dir, "run.json"));
    const base: RunRecord = {
      scenario: "smoke", script: "/x/smoke.js", engine: { name: "embedded", version: "v" }, bundleSha256: "0".repeat(64),
      gitCommit: null, gitDirty: null, configFile: null, config: null, env: {}, startedAt: new Date(0).toISOString(), endedAt: null,
      host: hostFacts(), status: "incomplete", exitCode: null, files: ["run.json"], generator: guardOff(1000, "test"),
    };
    await Promise.all([w.write(base), w.write({ ...base, status: "complete", exitCode: 0 }), w.write({ ...base, status: "failed", exitCode: 107 })]);
    const doc = JSON.parse(await readFile(join(dir, "run.json"), "utf8")) as RunRecord;
    assert.deepEqual([doc.status, doc.exitCode], ["failed", 107]);
    assert.deepEqual(await readdir(dir), ["run.json"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
