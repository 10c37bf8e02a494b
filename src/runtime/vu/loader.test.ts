import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { ScriptLoadError } from "./errors.ts";
import { readScriptInfo } from "./script-info.ts";
import { standaloneExecution } from "./standalone.ts";
import { callExport, fixture, never, request, testVu } from "./test-helpers.ts";

async function loadError(script: string): Promise<ScriptLoadError> {
  try {
    await testVu(script);
  } catch (err) {
    assert.ok(err instanceof ScriptLoadError, `expected ScriptLoadError, got ${String(err)}`);
    return err;
  }
  assert.fail(`${script} loaded without error`);
}

test("Node globals are absent and k6 globals present in the realm", async () => {
  const { vu } = await testVu("globals.js", 3, { env: { GREETING: "hi" } });
  const { seen } = callExport(vu, "state") as { seen: Record<string, unknown> };
  assert.deepEqual(seen, {
    process: "undefined",
    Buffer: "undefined",
    require: "undefined",
    setImmediate: "undefined",
    queueMicrotask: "undefined",
    globalIsGlobalThis: true,
    vu: 3,
    iterInInit: "undefined",
    env: "hi",
    timers: "function,function,function,function",
    textCodec: "h\u00e9",
    encodedIsUint8Array: true,
    uuid: "string",
    randomValues: true,
    notInK6: "undefined,undefined,undefined,undefined,undefined",
    module: "ReferenceError",
  });
});

test("__ITER counts the VU's iterations from 0 and __ENV takes the scenario env", async () => {
  const { vu } = await testVu("globals.js", 2, { env: { GREETING: "base" } });
  await vu.runIteration(request("default", 0), never());
  await vu.runIteration(request("default", 5, { name: "second", env: { GREETING: "scenario" } }), never());
  const { perIteration } = callExport(vu, "state") as { perIteration: unknown[] };
  assert.deepEqual(perIteration, [{ iter: 0, vu: 2, env: "base" }, { iter: 1, vu: 2, env: "scenario" }]);
});

test("module state is per VU", async () => {
  const a = await testVu("isolation.js", 1);
  const b = await testVu("isolation.js", 2);
  for (let i = 0; i < 3; i++) await a.vu.runIteration(request(), never());
  await b.vu.runIteration(request(), never());
  assert.deepEqual(callExport(a.vu, "state"), { count: 3, touched: 1 });
  assert.deepEqual(callExport(b.vu, "state"), { count: 1, touched: 1 });
});

test("forbidden imports fail at load naming the import and the file", async () => {
  const cases: Array<[string, string, string]> = [
    ["bare.js", "bare-specifier", "lodash"],
    ["node-builtin.js", "node-builtin", "node:fs"],
    ["remote.js", "remote-module", "https://jslib.k6.io/k6-utils/1.4.0/index.js"],
    ["unknown-k6.js", "unknown-k6-module", "k6/x/foo"],
    ["no-extension.js", "file-not-found", "./lib/helper"],
  ];
  for (const [script, kind, specifier] of cases) {
    const err = await loadError(script);
    assert.equal(err.kind, kind, script);
    assert.equal(err.specifier, specifier, script);
    assert.equal(err.file, fixture(script), script);
    assert.match(err.message, new RegExp(`"${specifier.replace(/[/.]/g, "\\$&")}" in ${fixture(script).replace(/[/.]/g, "\\$&")}`));
  }
  const remote = await loadError("remote.js");
  assert.match(remote.message, /remote modules are not supported/);
});

test("a forbidden import in a nested file names that file", async () => {
  const err = await loadError("nested-bad.js");
  assert.equal(err.kind, "node-builtin");
  assert.equal(err.file, fixture("lib/nested.js"));
});

test("dynamic import() fails at load with its line; look-alikes in strings and regexes do not", async () => {
  const err = await loadError("dynamic.js");
  assert.equal(err.kind, "dynamic-import");
  assert.match(err.message, /dynamic\.js:4: dynamic import\(\) is not supported in k6/);
});

test("syntax errors and init exceptions are load errors naming the file", async () => {
  const syntax = await loadError("syntax.js");
  assert.equal(syntax.kind, "syntax");
  assert.match(syntax.message, /syntax\.js: Unexpected token/);
  const init = await loadError("init-throws.js");
  assert.equal(init.kind, "init");
  assert.match(init.message, /init exploded/);
});

test("open() works in init (text and binary) and throws in VU code", async () => {
  const { vu, logs } = await testVu("open.js");
  assert.deepEqual(callExport(vu, "state"), { text: "hello file\n", binaryIsArrayBuffer: true, binaryLength: 11 });
  const outcome = await vu.runIteration(request(), never());
  assert.equal(outcome.status, "completed");
  assert.match(outcome.error ?? "", /only available in the init stage/);
  assert.equal(logs.filter((l) => l.level === "error").length, 1);
});

test("script info: options, exported functions, blocking imports", async () => {
  const info = await readScriptInfo(fixture("basic.js"));
  assert.deepEqual(info.options, { vus: 2, iterations: 4, thresholds: { checks: ["rate>0.9"] } });
  assert.deepEqual(info.exports.sort(), ["default", "setup", "teardown"]);
  assert.equal(info.blocking, true);
  assert.deepEqual(info.blockingImports, ["k6:sleep"]);
  const loop = await readScriptInfo(fixture("loop.js"));
  assert.equal(loop.blocking, false);
  assert.deepEqual(loop.options, {});
});

test("test.abort() in the init context stops the load and reaches the execution layer", async () => {
  const execution = standaloneExecution();
  await assert.rejects(testVu("abort-init.js", 1, { execution }), (err: unknown) =>
    err instanceof ScriptLoadError && err.kind === "init" && /test\.abort/.test(err.message));
  assert.equal(execution.aborted, "bad config");
});

test("without --experimental-vm-modules loading fails with a message naming the flag", () => {
  const code = `import("${join(import.meta.dirname, "index.ts")}").then((m) => m.createVu({ script: "${fixture("isolation.js")}", id: 1, sink: { add() {} } }))
    .then(() => console.log("loaded"), (e) => console.log(e.kind + ": " + e.message));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { encoding: "utf8", timeout: 60_000 });
  assert.match(out, /^vm-modules-disabled: .*--experimental-vm-modules/);
});
