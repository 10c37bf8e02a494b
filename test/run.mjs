// `npm test`: type-check, build the scenario bundles, then run every *.test.ts under src/,
// scenarios/ and test/ with Node's test runner (Node 20 has no glob for --test).
// Extra arguments go to the test runner, e.g. `npm test -- --test-name-pattern=sasl`.
// FINESSE_TEST_ONLY=src/xmpp runs only the tests under that path and skips type-check and build.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const roots = ["src", "scenarios", "test"];
const only = process.env.FINESSE_TEST_ONLY;

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "fixtures") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

function step(label, args) {
  console.log(`# ${label}`);
  const result = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`# ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

if (!only) {
  step("type-check (tsc --noEmit)", ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"]);
  step("build (build.mjs)", ["--import", "tsx", "build.mjs"]);
}
const files = roots.flatMap((r) => walk(r, [])).filter((f) => !only || f.startsWith(only)).sort();
if (files.length === 0) {
  console.error("test/run.mjs: no test files found");
  process.exit(1);
}
// The embedded runtime evaluates k6 bundles as vm modules (src/runtime/vu).
const args = ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning", "--import", "tsx", "--test", "--test-concurrency=2", ...process.argv.slice(2), ...files];
const result = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
