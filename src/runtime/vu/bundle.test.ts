import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "esbuild";
import { createVu } from "./create.ts";
import { memoryLogger } from "./logger.ts";
import { readScriptInfo } from "./script-info.ts";
import { FIXTURES, never, request } from "./test-helpers.ts";
import type { Sample } from "../contracts.ts";

test("an esbuild-built TypeScript bundle (k6 target, minified) runs in a VU", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vu-bundle-"));
  try {
    const outfile = join(dir, "main.js");
    // The settings build.mjs uses for k6 bundles.
    await build({
      entryPoints: [join(FIXTURES, "ts-src", "main.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      supported: { "async-generator": false, "for-await": false, "dynamic-import": false },
      external: ["k6", "k6/*"],
      minify: true,
      outfile,
      logLevel: "silent",
    });
    const info = await readScriptInfo(outfile);
    assert.deepEqual(info.options, { vus: 1, iterations: 1 });
    assert.equal(info.blocking, false);
    const samples: Sample[] = [];
    const vu = await createVu({ script: outfile, id: 1, sink: { add: (s) => void samples.push(s) }, logger: memoryLogger() });
    const outcome = await vu.runIteration(request(), never());
    assert.equal(outcome.error, undefined);
    assert.deepEqual(samples.filter((s) => s.metric === "checks").map((s) => [s.tags.check, s.value]), [["logged in", 1]]);
    assert.equal(samples.filter((s) => s.metric === "bundle_logins").length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
