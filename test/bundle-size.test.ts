// Scenario bundle sizes, measured minified as build.mjs reports them. k6 evaluates the whole bundle in
// every VU, so the build fails above its budget; the 64 KiB target is what each bundle should meet.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { buildScenarios, BUDGET_MINIFIED_BYTES, TARGET_MINIFIED_BYTES } from "../build.mjs";

const ROOT = join(import.meta.dirname, "..");
const SMOKE = join(ROOT, "scenarios", "smoke.ts");

type Row = { bundle: string; bytes: number; minifiedBytes: number; overTarget: boolean; parts: Array<[string, number]> };
let dir = "";
let report: Row[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "finesse-bundle-size-"));
  report = await buildScenarios({ outDir: join(dir, "all"), budgetBytes: Number.POSITIVE_INFINITY });
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sizes = (rows: Row[]): string => rows.map((r) => `${basename(r.bundle)} ${r.minifiedBytes} B`).join(", ");

test("every scenario is bundled, minified, within the build's budget", async () => {
  const scenarios = (await readdir(join(ROOT, "scenarios"))).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"));
  assert.deepEqual(report.map((r) => basename(r.bundle)).sort(), scenarios.map((f) => f.replace(/\.ts$/, ".js")).sort());
  for (const r of report) assert.ok(r.minifiedBytes > 0 && r.minifiedBytes < r.bytes, `${basename(r.bundle)}: ${r.minifiedBytes} B minified of ${r.bytes} B`);
  const over = report.filter((r) => r.minifiedBytes > BUDGET_MINIFIED_BYTES);
  assert.deepEqual(over.map((r) => basename(r.bundle)), [], `over the ${BUDGET_MINIFIED_BYTES} B budget: ${sizes(over)}`);
  for (const r of report) assert.equal(r.overTarget, r.minifiedBytes > TARGET_MINIFIED_BYTES);
});

test("every scenario bundle is within the 64 KiB minified target", { todo: "zod/mini, the protocol layer, the agent and config add up to more (npm run build -- --sizes)" }, () => {
  const over = report.filter((r) => r.minifiedBytes > TARGET_MINIFIED_BYTES);
  assert.deepEqual(over.map((r) => basename(r.bundle)), [], `over the ${TARGET_MINIFIED_BYTES} B target: ${sizes(over)}`);
});

test("each bundle's minified bytes are attributed to packages and src/ folders, largest first", () => {
  for (const r of report) {
    const name = basename(r.bundle);
    const parts = new Map(r.parts);
    const total = r.parts.reduce((sum, [, bytes]) => sum + bytes, 0);
    assert.ok(total <= r.minifiedBytes && total > r.minifiedBytes * 0.9, `${name}: parts add up to ${total} B of ${r.minifiedBytes} B`);
    for (const part of ["zod", "src/xmpp", "src/xml", "src/agent", name.replace(/\.js$/, ".ts")]) assert.ok((parts.get(part) ?? 0) > 0, `${name} has no ${part}`);
    assert.deepEqual(r.parts.map(([, b]) => b), r.parts.map(([, b]) => b).sort((a, b) => b - a));
  }
});

test("a bundle over the budget fails the build, naming the bundle, its size and the budget", async () => {
  await assert.rejects(
    buildScenarios({ outDir: join(dir, "small"), entryPoints: [SMOKE], budgetBytes: 10 * 1024 }),
    /build failed:\n {2}smoke\.js: \d+ B minified, over the 10240 B budget/,
  );
});

test("the build command prints each bundle with its size and size minified, and with --sizes its parts", () => {
  const out = join(dir, "cli");
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "build.mjs"), "--out", out, "--sizes"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  for (const row of report) {
    const name = basename(row.bundle).replace(".", "\\.");
    assert.match(r.stdout, new RegExp(`^build: .*${name}  \\d+ B  \\(${row.minifiedBytes} B minified(, over the ${TARGET_MINIFIED_BYTES} B target)?\\)$`, "m"));
  }
  const [part, bytes] = report[0]!.parts[0]!;
  assert.match(r.stdout, new RegExp(`^ +${bytes} B  ${part}$`, "m"));
  const bad = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "build.mjs"), "--size"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /unknown argument "--size"/);
});
