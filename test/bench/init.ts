// Bundle sizes and VU init of the real scenario bundles, the runtime micro-benchmarks (metric throughput,
// k6/websockets vs bare ws round trip) and the one-simulator capacity check, each in its own process.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { readdirSync } from "node:fs";
import { buildScenarios } from "../../build.mjs";
import { startFleet } from "./sims.ts";

const VM_FLAGS = ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning"];

export interface VuInit {
  scriptBytes: number;
  vus: number;
  firstVuMs: number;
  perVuInitMs: number;
  heapPerVuMB: number;
  rssPerVuMB: number;
}

export interface InitResult {
  bundles: { name: string; bytes: number; minifiedBytes: number }[];
  vuInit: VuInit;
}

function node(root: string, args: string[], timeoutS: number): string {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: timeoutS * 1000, maxBuffer: 16 * 2 ** 20, killSignal: "SIGKILL" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}: ${(r.stderr ?? "").slice(-1500)}`);
  return r.stdout;
}

export async function runInit(root: string, dir: string): Promise<InitResult> {
  const entries = readdirSync(join(root, "scenarios")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => join(root, "scenarios", f));
  const built = await buildScenarios({ outDir: join(dir, "scenario-bundles"), entryPoints: entries, budgetBytes: 4 * 2 ** 20 });
  const bundles = built.map((b) => ({ name: basename(b.bundle, ".js"), bytes: b.bytes, minifiedBytes: b.minifiedBytes }));
  const capacity = built.find((b) => basename(b.bundle) === "capacity.js");
  if (!capacity) throw new Error("no capacity bundle was built");
  // the capacity bundle's init reads its config and agents CSV: one simulator's population
  const fleet = await startFleet({ root, dir, count: 1, usersEach: 2000 });
  try {
    const config = join(dir, "init.json");
    writeFileSync(config, JSON.stringify({ targets: [{ name: "sim0", restUrl: fleet.nodes[0]!.url }], agents: { csv: fleet.csvPath }, behaviour: { agentsPerVu: 200 } }));
    const out = node(root, [...VM_FLAGS, "--expose-gc", "--import", "tsx", "src/runtime/vu/bench-init.ts", "100", capacity.bundle, `FINESSE_CONFIG=${config}`], 300);
    return { bundles, vuInit: JSON.parse(out.trim().split("\n").pop()!) as VuInit };
  } finally {
    await fleet.stop();
  }
}

export async function runRuntimeBenches(root: string): Promise<Record<string, string>> {
  return {
    metrics: node(root, ["--import", "tsx", "src/runtime/metrics/bench.ts"], 300),
    wsRoundtrip: node(root, ["--import", "tsx", "src/runtime/modules/net/ws-roundtrip.bench.ts", "10000"], 300),
  };
}

export async function runSimulatorCheck(root: string): Promise<string> {
  return node(root, ["--import", "tsx", "src/simulator/bench/measure.ts", "--sessions", "2000", "--hold-s", "30"], 600);
}
