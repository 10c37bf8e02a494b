import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundlePath, chooseScript, ensureBundle, isScriptPath, newestSource, ROOT } from "./bundle.ts";
import { RunSetupError } from "./errors.ts";

test("a path is a script, a bare word a scenario; unknown scenarios list the known ones", async () => {
  assert.equal(isScriptPath("fanout"), false);
  assert.equal(isScriptPath("fanout.js"), true);
  assert.equal(isScriptPath("./x"), true);
  const s = await chooseScript("smoke", "/", { bundlesDir: "/b" });
  assert.deepEqual(s, { scenario: "smoke", script: "/b/smoke.js", fromScenario: true });
  const f = await chooseScript("src/cli/fixtures/small.js", ROOT);
  assert.deepEqual(f, { scenario: "small", script: join(ROOT, "src/cli/fixtures/small.js"), fromScenario: false });
  await assert.rejects(chooseScript("smokey", "/"), (e: unknown) => e instanceof RunSetupError && e.kind === "scenario" && /unknown scenario "smokey": one of .*fanout.*smoke/.test(e.message));
  await assert.rejects(chooseScript("nope.js", "/tmp"), (e: unknown) => e instanceof RunSetupError && e.kind === "script" && /script nope\.js: no such file/.test(e.message));
  await assert.rejects(chooseScript("src/cli", ROOT), /script src\/cli: not a file/);
  assert.equal(bundlePath("fanout", { bundlesDir: "/b", legacyWebsockets: true }), "/b/k6-before-1.6/fanout.js");
});

test("a scenario's bundle is built when missing, kept when fresh, rebuilt when older than its sources", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-bundles-"));
  try {
    const choice = await chooseScript("smoke", "/", { bundlesDir: dir });
    assert.equal(await ensureBundle(choice, { bundlesDir: dir }), true, "missing: built");
    const files = await readdir(dir);
    assert.ok(files.includes("smoke.js") && files.includes("fanout.js") && files.includes("meta.json"), files.join(","));
    assert.ok(!files.some((f) => f.startsWith(".build-")), "the temporary build folder is gone");
    assert.match(await readFile(choice.script, "utf8"), /from "k6\/websockets"/);
    // a source edited after the build (the bundle made to look older than the newest source)
    const past = new Date((await newestSource()) - 60_000);
    await utimes(choice.script, past, past);
    assert.equal(await ensureBundle(choice, { bundlesDir: dir }), true, "stale: rebuilt");
    assert.ok((await stat(choice.script)).mtimeMs >= (await newestSource()), "the rebuilt bundle is newer than every source");
    assert.equal(await ensureBundle(choice, { bundlesDir: dir }), false, "fresh: kept");
    const legacy = { bundlesDir: dir, legacyWebsockets: true };
    assert.equal(await ensureBundle({ ...choice, script: bundlePath("smoke", legacy) }, legacy), true);
    assert.match(await readFile(bundlePath("smoke", legacy), "utf8"), /from "k6\/experimental\/websockets"/);
    assert.equal(await ensureBundle({ scenario: "x", script: "/x.js", fromScenario: false }), false, "a script path is never built");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
