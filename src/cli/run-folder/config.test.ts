import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveRunEnv } from "./config.ts";
import { RunSetupError } from "./errors.ts";

const base = { env: {}, processEnv: {}, required: true };

test("--config and --target become FINESSE_CONFIG (absolute) and FINESSE_TARGET; the config is checked and masked", async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-config-"));
  try {
    await writeFile(join(dir, "finesse.json"), JSON.stringify({ agents: { generated: { firstId: 1000, count: 10, passwordTemplate: "pw{id}" } } }));
    const r = await resolveRunEnv({ ...base, cwd: dir, config: "finesse.json", target: "http://127.0.0.1:9/", env: { A: "1" } });
    assert.deepEqual(r.env, { A: "1", FINESSE_CONFIG: join(dir, "finesse.json"), FINESSE_TARGET: "http://127.0.0.1:9/" });
    assert.equal(r.configFile, join(dir, "finesse.json"));
    const cfg = r.config as { targets: Array<{ restUrl: string }>; agents: { generated: { passwordTemplate: string } } };
    assert.equal(cfg.targets[0]?.restUrl, "http://127.0.0.1:9/");
    assert.equal(cfg.agents.generated.passwordTemplate, "***");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("problems name the flag and file, or the config path", async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-config-bad-"));
  try {
    const isConfig = (re: RegExp) => (e: unknown) => e instanceof RunSetupError && e.kind === "config" && re.test(e.message);
    await assert.rejects(resolveRunEnv({ ...base, cwd: dir }), isConfig(/no Finesse configuration: give --config FILE/));
    await assert.rejects(resolveRunEnv({ ...base, cwd: dir, config: "missing.json" }), isConfig(/--config missing\.json: no such file/));
    await assert.rejects(resolveRunEnv({ ...base, cwd: dir, env: { FINESSE_CONFIG: "gone.json" } }), isConfig(/FINESSE_CONFIG .*gone\.json: no such file/));
    await writeFile(join(dir, "bad.json"), JSON.stringify({ targets: [{ restUrl: "ftp://x" }] }));
    await assert.rejects(resolveRunEnv({ ...base, cwd: dir, config: "bad.json" }), isConfig(/bad\.json: 2 problems[\s\S]*targets\[0\]\.restUrl/));
    await writeFile(join(dir, "broken.json"), "{");
    await assert.rejects(resolveRunEnv({ ...base, cwd: dir, config: "broken.json" }), isConfig(/not valid JSON/));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a plain script without any Finesse source has no config; FINESSE_* in the process environment counts", async () => {
  const none = await resolveRunEnv({ ...base, cwd: "/", required: false });
  assert.equal(none.config, undefined);
  const fromProcess = await resolveRunEnv({ ...base, cwd: "/", required: false, processEnv: { FINESSE_TARGET: "http://127.0.0.1:9", FINESSE_AGENTS_CSV: "agents.csv" } });
  assert.equal((fromProcess.config as { targets: Array<{ restUrl: string }> }).targets[0]?.restUrl, "http://127.0.0.1:9");
});
