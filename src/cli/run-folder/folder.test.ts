import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunSetupError } from "./errors.ts";
import { claimRunDir, createRunFolder, runFolderName, utcStamp } from "./folder.ts";

test("run folders are named <UTC time>-<scenario>, the name made safe for a path", () => {
  const t = new Date("2026-11-24T08:15:00.123Z");
  assert.equal(utcStamp(t), "20261124T081500Z");
  assert.equal(runFolderName(t, "fanout"), "20261124T081500Z-fanout");
  assert.equal(runFolderName(t, "my test/../x"), "20261124T081500Z-my_test_.._x");
});

test("a second run in the same second gets its own folder", async () => {
  const base = await mkdtemp(join(tmpdir(), "run-folder-"));
  try {
    const t = new Date("2026-11-24T08:15:00Z");
    const a = await createRunFolder(join(base, "runs"), t, "smoke");
    const b = await createRunFolder(join(base, "runs"), t, "smoke");
    assert.equal(a, join(base, "runs", "20261124T081500Z-smoke"));
    assert.equal(b, join(base, "runs", "20261124T081500Z-smoke-2"));
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});

test("--run-dir is created when missing and refused when it already holds files", async () => {
  const base = await mkdtemp(join(tmpdir(), "run-dir-"));
  try {
    const fresh = join(base, "a", "b");
    assert.equal(await claimRunDir(fresh), fresh);
    assert.deepEqual(await readdir(fresh), []);
    assert.equal(await claimRunDir(fresh), fresh, "an empty folder is fine");
    await writeFile(join(fresh, "run.json"), "{}");
    await assert.rejects(claimRunDir(fresh), (e: unknown) => e instanceof RunSetupError && e.kind === "run-dir" && /--run-dir .*not empty .*run\.json/.test(e.message));
    await writeFile(join(base, "file"), "x");
    await assert.rejects(claimRunDir(join(base, "file")), /--run-dir .*file/);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});
