// The load generator under test: a bench scenario bundled like every scenario (build.mjs) and run by
// `finesse-load run` in its own process tree, against a simulator fleet; its summary export read back.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildScenarios } from "../../build.mjs";
import { startNode, type Started } from "./procs.ts";
import type { SimFleet } from "./sims.ts";

export interface GeneratorSpec {
  root: string;
  dir: string;
  /** test/bench/scenarios/<name>.ts */
  scenario: string;
  fleet: SimFleet;
  agentsPerVu: number;
  /** VUs one process holds; more VUs go to child processes */
  vusPerProcess: number;
  /** worker threads in the first process (0: its VUs run in its main thread) */
  workers: number;
  load: Record<string, number>;
  behaviour?: Record<string, unknown>;
  /** extra node flags for the generator (e.g. --cpu-prof) */
  nodeFlags?: string[];
  /** extra `finesse-load run` flags */
  runFlags?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Bundles test/bench/scenarios/<name>.ts; returns its path and minified size. */
export async function bundle(root: string, dir: string, name: string): Promise<{ path: string; bytes: number; minifiedBytes: number }> {
  const [b] = await buildScenarios({ outDir: join(dir, "bundles"), entryPoints: [join(root, "test", "bench", "scenarios", `${name}.ts`)], budgetBytes: 4 * 2 ** 20 });
  if (!b) throw new Error(`bench scenario ${name} produced no bundle`);
  return { path: b.bundle, bytes: b.bytes, minifiedBytes: b.minifiedBytes };
}

export async function startGenerator(s: GeneratorSpec): Promise<{ proc: Started; summaryPath: string }> {
  const { path } = await bundle(s.root, s.dir, s.scenario);
  const configPath = join(s.dir, `${s.scenario}.json`);
  writeFileSync(configPath, JSON.stringify({
    targets: s.fleet.nodes.map((n) => ({ name: n.name, restUrl: n.url, finesseVersion: "12.6", xmppDomain: n.domain, pubsubDomain: `pubsub.${n.domain}` })),
    agents: { csv: s.fleet.csvPath },
    behaviour: { stateChangesPerMinute: 0, agentsPerVu: s.agentsPerVu, ping: { intervalMs: 10_000, timeoutMs: 10_000, maxMisses: 2 }, ...s.behaviour },
    scenarios: { [`bench-${s.scenario}`]: { load: s.load } },
  }));
  const summaryPath = join(s.dir, `${s.scenario}-summary.json`);
  const proc = startNode([
    "--experimental-vm-modules", "--disable-warning=ExperimentalWarning", ...(s.nodeFlags ?? []), "src/cli/bin.mjs", "run", path,
    "-e", `FINESSE_CONFIG=${configPath}`, "--quiet", "--no-color", "--summary-export", summaryPath,
    "--summary-trend-stats", "avg,med,p(95),p(99),max,count",
    "--workers", String(s.workers), "--max-vus-per-process", String(s.vusPerProcess), "--sessions-per-vu", String(s.agentsPerVu),
    "--run-dir", join(s.dir, `run-${s.scenario}-${Date.now()}`), ...(s.runFlags ?? []),
  ], { cwd: s.root, env: { ...process.env, ...s.env } });
  return { proc, summaryPath };
}

export type Summary = Record<string, Record<string, number>>;

/** The metrics of a `--summary-export` file (k6's export shape: metric → values). */
export function readSummary(path: string): Summary {
  const doc = JSON.parse(readFileSync(path, "utf8")) as { metrics?: Record<string, Record<string, unknown>> };
  const out: Summary = {};
  for (const [name, m] of Object.entries(doc.metrics ?? {})) {
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(m)) if (typeof v === "number") values[k] = v;
    const nested = (m as { values?: Record<string, number> }).values;
    if (nested) Object.assign(values, nested);
    out[name] = values;
  }
  return out;
}
