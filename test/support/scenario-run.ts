// Runs one scenario end to end for a test: build its bundle, write the agents CSV (the simulator's
// population, or any CSV for a generic XMPP server) and a config next to it, run the bundle in the embedded k6 runtime, and hand back the exit code, the summary
// metrics and everything the run printed. SCENARIO_PRINT=1 prints the run's output.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildScenarios } from "../../build.mjs";
import { runTest, type TestResult } from "../../src/runtime/index.ts";
import { populationToCsv, type Simulator } from "../../src/simulator/index.ts";

export interface MetricData {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface ScenarioConfig {
  /** extra keys of the config's only target (name "sim", the simulator's REST URL) */
  target?: Record<string, unknown>;
  /** extra keys of `agents` (the CSV is always the simulator's population) */
  agents?: Record<string, unknown>;
  behaviour: Record<string, unknown>;
  /** `scenarios.<name>`: load keys and threshold overrides */
  scenario: Record<string, unknown>;
  /** build the bundle with SASL SCRAM (build.mjs --with-scram) */
  withScram?: boolean;
}

export interface ScenarioRun {
  result: TestResult;
  metrics: Record<string, MetricData>;
  /** a metric's values; fails the test naming the metrics present when it is missing */
  m(name: string): Record<string, number>;
  output: string;
}

/** The system under test: its only target's keys and the agents CSV text. */
export interface ScenarioTarget {
  target: Record<string, unknown>;
  csv: string;
}

export function simulatorTarget(sim: Simulator): ScenarioTarget {
  return { target: { name: "sim", restUrl: sim.url, finesseVersion: "12.6" }, csv: populationToCsv(sim.population) };
}

export async function runScenario(name: string, sim: Simulator | ScenarioTarget, dir: string, config: ScenarioConfig, out: string[] = []): Promise<ScenarioRun> {
  const sut = "csv" in sim ? sim : simulatorTarget(sim);
  // The size budget is build.mjs's job (npm test builds every bundle); these tests are about behaviour.
  const entry = join(import.meta.dirname, "..", "..", "scenarios", `${name}.ts`);
  const [bundle] = await buildScenarios({ outDir: join(dir, "bundles"), entryPoints: [entry], budgetBytes: 1024 * 1024, withScram: config.withScram === true });
  assert.ok(bundle);
  await writeFile(join(dir, "agents.csv"), sut.csv);
  await writeFile(join(dir, "finesse.json"), JSON.stringify({
    targets: [{ ...sut.target, ...config.target }],
    agents: { csv: "agents.csv", ...config.agents },
    behaviour: config.behaviour,
    scenarios: { [name]: config.scenario },
  }));
  let stdout = "";
  let stderr = "";
  const result = await runTest(bundle.bundle, {
    env: { FINESSE_CONFIG: join(dir, "finesse.json") }, includeSystemEnv: false, quiet: true, workers: 1, out,
    console: { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isStdOutTTY: false, isStdErrTTY: false },
  });
  const output = `${stdout}\n${stderr}`;
  if (process.env.SCENARIO_PRINT) process.stderr.write(output);
  const metrics = (result.summaryData?.metrics ?? {}) as Record<string, MetricData>;
  const m = (metric: string) => {
    const d = metrics[metric];
    assert.ok(d, `metric ${metric} present (have ${Object.keys(metrics).join(", ")})\n${output}`);
    return d.values;
  };
  return { result, metrics, m, output };
}
