// The parts of the k6 glue that do not import k6/*: config sources, agent ranges, options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, type Population } from "../config/index.ts";
import { agentsForIndex } from "./agent-range.ts";
import { buildOptions, loadValue } from "./options.ts";
import { csvPath, resolveConfig } from "./sources.ts";

const FILE = {
  path: "/etc/finesse/lab.json",
  text: JSON.stringify({ targets: [{ restUrl: "https://finesse-a.example.com:8445", tlsVerify: false }], agents: { csv: "agents.csv" } }),
};

test("config: file, then FINESSE_TARGET and FINESSE_AGENTS_CSV shortcuts, then FINESSE_SET overrides", () => {
  const c = resolveConfig({ file: FILE, target: "https://finesse-b.example.com:8445", overrides: "behaviour.ping.intervalMs=5000,agents.offset=40" });
  assert.equal(c.targets[0]!.restUrl, "https://finesse-b.example.com:8445");
  assert.equal(c.behaviour.ping.intervalMs, 5_000);
  assert.equal(c.agents.offset, 40);
  assert.equal(c.agents.csv, "agents.csv");
  const bare = resolveConfig({ target: "http://127.0.0.1:8080", agentsCsv: "/tmp/agents.csv" });
  assert.equal(bare.targets[0]!.restUrl, "http://127.0.0.1:8080");
  assert.equal(bare.agents.csv, "/tmp/agents.csv");
});

test("config: every problem is reported with its path, passwords never", () => {
  assert.throws(() => resolveConfig({ file: FILE, overrides: "targets[0].restUrl=ftp://x,behaviour.ping.maxMisses=0" }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    const paths = e.problems.map((p) => p.path).join(" ");
    assert.match(paths, /targets\[0\]\.restUrl/);
    assert.match(paths, /behaviour\.ping\.maxMisses/);
    return true;
  });
  assert.throws(() => resolveConfig({}), (e: unknown) => e instanceof ConfigError && /targets/.test(e.message));
});

test("a CSV path from the config file is relative to the file; one from the environment is used as given", () => {
  assert.equal(csvPath("agents.csv", "/etc/finesse/lab.json", false), "/etc/finesse/agents.csv");
  assert.equal(csvPath("agents.csv", "lab.json", false), "agents.csv");
  assert.equal(csvPath("/data/a.csv", "/etc/finesse/lab.json", false), "/data/a.csv");
  assert.equal(csvPath("agents.csv", "/etc/finesse/lab.json", true), "agents.csv");
  assert.equal(csvPath("agents.csv", undefined, false), "agents.csv");
});

const population: Population = {
  kind: "generated",
  spec: { count: 10, firstId: 1000, passwordTemplate: "pw{id}", firstExtension: 2000, teamSize: 5, firstTeamId: 1, supervisorsPerTeam: 1 },
};

test("iteration i drives agents offset + i·perVu …, disjoint across iterations, clipped at the population's end", () => {
  assert.deepEqual(agentsForIndex(population, 0, 5, 0).map((a) => a.id), ["1000", "1001", "1002", "1003", "1004"]);
  assert.deepEqual(agentsForIndex(population, 0, 5, 1).map((a) => a.id), ["1005", "1006", "1007", "1008", "1009"]);
  assert.deepEqual(agentsForIndex(population, 2, 3, 2).map((a) => a.id), ["1008", "1009"]);
  assert.throws(() => agentsForIndex(population, 0, 5, 2), /outside the population of 10/);
});

test("options: scenario thresholds overridable per scenario, TLS verification off only when a target says so", () => {
  const c = resolveConfig({ file: FILE, overrides: 'scenarios.smoke.thresholds.checks=["rate>0.9"],scenarios.smoke.load.holdMs=500' });
  const o = buildOptions(c, "smoke", { scenarios: { smoke: { executor: "per-vu-iterations" } }, thresholds: { checks: ["rate==1"], harness_errors: ["count==0"] } });
  assert.deepEqual(o.thresholds, { checks: ["rate>0.9"], harness_errors: ["count==0"] });
  assert.equal(o.insecureSkipTLSVerify, true);
  assert.equal(buildOptions(resolveConfig({ target: "https://x.example.com:8445", agentsCsv: "a.csv" }), "smoke", { scenarios: {}, thresholds: {} }).insecureSkipTLSVerify, false);
  assert.equal(loadValue(c, "smoke", "holdMs", 4_000), 500);
  assert.equal(loadValue(c, "smoke", "agents", 4), 4);
  assert.throws(() => loadValue(resolveConfig({ file: FILE, overrides: "scenarios.smoke.load.holdMs=soon" }), "smoke", "holdMs", 1), /scenarios\.smoke\.load\.holdMs: expected a number/);
});
