// `npm run bench`: the benchmarks of the parts that exist, each in its own process, loopback only,
// bounded. Prints each one's report and writes them all to results/bench/<UTC time>.json.
//   npm run bench                 runtime benchmarks (VU init, metric throughput, WebSocket overhead)
//   npm run bench -- --simulator  also one simulator process holding 2,000 pinging sessions (~1 min)
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const VM_FLAGS = ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning"];

interface Bench {
  name: string;
  what: string;
  args: string[];
  timeoutS: number;
}

const BENCHES: Bench[] = [
  {
    name: "vu-init",
    what: "VU init: time and heap per VU for a ~30 KB k6 script (200 VUs in one thread)",
    args: [...VM_FLAGS, "--expose-gc", "--import", "tsx", "src/runtime/vu/bench-init.ts", "200"],
    timeoutS: 300,
  },
  {
    name: "metrics",
    what: "metric samples per second per core (MetricsEngine.add, --out json writer)",
    args: ["--import", "tsx", "src/runtime/metrics/bench.ts"],
    timeoutS: 300,
  },
  {
    name: "ws-roundtrip",
    what: "WebSocket round trip and receive rate: k6/websockets vs a bare ws client, side by side",
    args: ["--import", "tsx", "src/runtime/modules/net/ws-roundtrip.bench.ts", "10000"],
    timeoutS: 300,
  },
];

const SIMULATOR: Bench = {
  name: "simulator",
  what: "one simulator process: 2,000 sessions logged in and pinging, RSS, CPU, event throughput",
  args: ["--import", "tsx", "src/simulator/bench/measure.ts", "--sessions", "2000", "--hold-s", "30"],
  timeoutS: 600,
};

function parseArgs(argv: string[]): { simulator: boolean } {
  let simulator = false;
  for (const a of argv) {
    if (a === "--simulator") simulator = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: npm run bench [-- --simulator]\n");
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument "${a}" (try --help)\n`);
      process.exit(2);
    }
  }
  return { simulator };
}

const { simulator } = parseArgs(process.argv.slice(2));
const startedAt = new Date();
const results = [];
let failed = 0;
for (const b of simulator ? [...BENCHES, SIMULATOR] : BENCHES) {
  process.stdout.write(`\n== ${b.name}: ${b.what}\n`);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, b.args, { cwd: ROOT, encoding: "utf8", timeout: b.timeoutS * 1000, maxBuffer: 16 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(run.stdout ?? "");
  if (run.status !== 0) {
    failed++;
    process.stdout.write(`(exit ${run.status ?? run.signal}) ${(run.stderr ?? "").slice(-2000)}\n`);
  }
  results.push({ name: b.name, what: b.what, command: `node ${b.args.join(" ")}`, exitCode: run.status, seconds: +seconds.toFixed(1), stdout: run.stdout });
}

const dir = join(ROOT, "results", "bench");
mkdirSync(dir, { recursive: true });
const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
const host = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgAtStart: loadavg() };
writeFileSync(file, JSON.stringify({ startedAt: startedAt.toISOString(), host, results }, null, 2));
process.stdout.write(`\nwritten: ${file}\n`);
process.exit(failed === 0 ? 0 : 1);
