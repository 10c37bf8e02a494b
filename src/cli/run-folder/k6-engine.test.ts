import { test } from "node:test";
import assert from "node:assert/strict";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findOnPath, k6Args, k6BeforeWebsockets } from "./k6-engine.ts";

test("k6 is found on PATH only as an executable file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "k6-path-"));
  try {
    await writeFile(join(dir, "k6"), "#!/bin/sh\n");
    assert.equal(findOnPath("k6", `/nonexistent:${dir}`), undefined, "not executable");
    await chmod(join(dir, "k6"), 0o755);
    assert.equal(findOnPath("k6", `/nonexistent::${dir}`), join(dir, "k6"));
    assert.equal(findOnPath("k6", undefined), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("k6 before v1.6.0 needs the k6/experimental/websockets bundle", () => {
  assert.equal(k6BeforeWebsockets("k6 v1.5.0 (commit/abc, go1.24.1, linux/amd64)"), true);
  assert.equal(k6BeforeWebsockets("k6 v0.57.0 (go1.23)"), true);
  assert.equal(k6BeforeWebsockets("k6 v1.6.0 (go1.24)"), false);
  assert.equal(k6BeforeWebsockets("k6 v2.2.0"), false);
  assert.equal(k6BeforeWebsockets("something else"), false);
});

test("k6 run gets the run folder's summary export and JSON output first, then -e values, flags and the script", () => {
  assert.deepEqual(
    k6Args({ script: "/b/fanout.js", summaryFile: "/r/summary.json", metricsFile: "/r/metrics.ndjson.gz", env: { FINESSE_CONFIG: "/c.json", A: "x=y" }, out: ["experimental-prometheus-rw"], flags: ["--vus", "3"] }),
    ["run", "--summary-export", "/r/summary.json", "--out", "json=/r/metrics.ndjson.gz", "--out", "experimental-prometheus-rw", "-e", "FINESSE_CONFIG=/c.json", "-e", "A=x=y", "--vus", "3", "/b/fanout.js"],
  );
});
