// README documents what users rely on; these checks keep it from drifting from the code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { METRICS } from "../src/metrics/index.ts";

const ROOT = join(import.meta.dirname, "..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

test("README's metric table lists every catalogued metric with its kind", () => {
  for (const m of METRICS) assert.match(readme, new RegExp(`\\| \`${m.name}\` \\| ${m.kind} \\|`), m.name);
});

test("README's scenario table names every scenario in scenarios/", () => {
  const scenarios = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => f.slice(0, -3));
  for (const s of scenarios) assert.match(readme, new RegExp(`\\| \`${s}\` \\|`), s);
});

test("README's commands are the ones CI and package.json run", () => {
  const ci = readFileSync(join(ROOT, ".ci/run"), "utf8");
  assert.match(ci, /^npm ci/m);
  assert.match(ci, /^npm test$/m);
  assert.match(readme, /npm ci\nnpm test\n/);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  for (const script of ["start", "build", "sim", "bench", "test"]) assert.ok(pkg.scripts[script], script);
});

test("every `finesse-load <command>` README shows is a command the CLI has", () => {
  const dir = join(ROOT, "src/cli/commands");
  const commands = new Set(
    readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/export const command: Command = \{ name: "([a-z0-9-]+)"/g)].map((m) => m[1]!)),
  );
  assert.ok(commands.has("run") && commands.has("k8s"), [...commands].join(", "));
  const shown = [...readme.matchAll(/(?:npx |`)finesse-load ([a-z][a-z0-9-]*)/g)].map((m) => m[1]!);
  assert.ok(shown.length > 10, "README shows the commands");
  for (const name of shown) assert.ok(commands.has(name), `README shows "finesse-load ${name}", which is not a command (${[...commands].join(", ")})`);
});
