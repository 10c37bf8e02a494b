// `finesse-load demo` (npm start): the simulator in-process on a free loopback port, its agents CSV and a
// config in a new run folder (results/runs/<UTC time>-fanout/), then a short `fanout` run on the embedded
// runtime into that folder (the bundle built when stale); prints the summary and where the results are,
// exits with the run's exit code.
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { EXIT, progressOf } from "../../runtime/index.ts";
import { populationToCsv, startSimulator, type Simulator } from "../../simulator/index.ts";
import { flagHelp, parseArgs, UsageError, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";
import { progressEnabled, ProgressLine } from "../progress-line.ts";
import { chooseScript, createRunFolder, executeRun, resolveRunEnv, ROOT, RunSetupError, type RunPlan } from "../run-folder/index.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "agents", type: "int", value: "N", help: "agents in the simulator (default 200)" },
  { name: "supervisors", type: "int", value: "N", help: "supervisors, the same number per team (default 20)" },
  { name: "team-size", type: "int", value: "N", help: "agents per team (default 10)" },
  { name: "seconds", type: "int", value: "N", help: "how long every session is held, seconds (default 15)" },
  { name: "rate", type: "int", value: "N", help: "state changes per agent per minute while holding (default 6)" },
  { name: "results-dir", type: "string", value: "DIR", help: "where the run folder is made (default results/runs)" },
  { name: "bundles-dir", type: "string", value: "DIR", help: "where the bundles are built (default results/bundles)" },
  { name: "workers", type: "int", value: "N", help: "worker threads for VUs (default: one per core)" },
  { name: "quiet", short: "q", type: "bool", help: "no progress output" },
  { name: "help", short: "h", type: "bool", help: "show this help" },
];

const HELP = `Usage: finesse-load demo [flags]

Starts the Finesse simulator on a free loopback port, builds the scenario bundles and runs a short
fanout test against it with the embedded k6 runtime (whole teams per VU, supervisors on their Team
nodes), then prints the summary and where the results are. Exits with the run's exit code.

Flags:
${flagHelp(FLAGS)}
`;

export interface DemoOptions {
  agents: number;
  supervisors: number;
  teamSize: number;
  seconds: number;
  rate: number;
  resultsDir: string | undefined;
  bundlesDir: string | undefined;
  workers: number | undefined;
  quiet: boolean;
  help: boolean;
}

/** Parses and checks the flags; every problem is a UsageError naming the flag. */
export function demoOptionsFromArgs(argv: readonly string[]): DemoOptions {
  const { flags, positionals } = parseArgs(argv, FLAGS);
  if (positionals.length > 0) throw new UsageError(`demo takes no arguments, got: ${positionals.join(" ")}`);
  const int = (name: string, fallback: number, min: number): number => {
    const v = flags.get(name)?.at(-1) as number | undefined;
    if (v === undefined) return fallback;
    if (v < min) throw new UsageError(`invalid argument "${v}" for "--${name}" flag: at least ${min}`, `--${name}`);
    return v;
  };
  const o: DemoOptions = {
    agents: int("agents", 200, 1),
    supervisors: int("supervisors", 20, 1),
    teamSize: int("team-size", 10, 1),
    seconds: int("seconds", 15, 1),
    rate: int("rate", 6, 0),
    resultsDir: flags.get("results-dir")?.at(-1) as string | undefined,
    bundlesDir: flags.get("bundles-dir")?.at(-1) as string | undefined,
    workers: flags.has("workers") ? int("workers", 0, 0) : undefined,
    quiet: flags.get("quiet")?.at(-1) === true,
    help: flags.get("help")?.at(-1) === true,
  };
  if (o.agents % o.teamSize !== 0) {
    throw new UsageError(`--agents ${o.agents} is not a whole number of teams of --team-size ${o.teamSize}`, "--agents");
  }
  const teams = o.agents / o.teamSize;
  if (o.supervisors % teams !== 0) {
    throw new UsageError(`--supervisors ${o.supervisors} cannot be shared evenly by the ${teams} teams (give a multiple of ${teams})`, "--supervisors");
  }
  return o;
}

/** The config the fanout bundle reads: the simulator as the one target, one VU per team block. */
export function demoConfig(sim: Pick<Simulator, "url">, o: DemoOptions): Record<string, unknown> {
  const teams = o.agents / o.teamSize;
  return {
    targets: [{ name: "sim", restUrl: sim.url, finesseVersion: "12.6" }],
    agents: { csv: "agents.csv" },
    behaviour: { ping: { intervalMs: 5_000, timeoutMs: 5_000, maxMisses: 2 }, eventTimeoutMs: 5_000, phaseTimeoutMs: 10_000 },
    scenarios: {
      fanout: {
        load: { teams, teamBlock: o.teamSize + o.supervisors / teams, holdMs: o.seconds * 1000, stateChangesPerMinute: o.rate },
        // submetric thresholds put the per-subscriber figures in the summary
        thresholds: {
          "finesse_event_latency{role:self}": ["p(95)<2000"],
          "finesse_event_latency{role:supervisor}": ["p(95)<2000"],
          "xmpp_time_to_ready{target:sim}": ["p(95)<10000"],
        },
      },
    },
  };
}

async function demo(o: DemoOptions, io: CliIo): Promise<number> {
  const started = new Date();
  const runDir = await createRunFolder(resolve(io.cwd, o.resultsDir ?? join(ROOT, "results", "runs")), started, "fanout");
  const sim = await startSimulator({ host: "127.0.0.1", port: 0, agents: o.agents, supervisors: o.supervisors, teamSize: o.teamSize });
  try {
    io.stdout(`simulator: ${sim.url} (${o.agents} agents, ${o.supervisors} supervisors, teams of ${o.teamSize})\n`);
    await writeFile(join(runDir, "agents.csv"), populationToCsv(sim.population));
    const configPath = join(runDir, "finesse.json");
    await writeFile(configPath, `${JSON.stringify(demoConfig(sim, o), null, 2)}\n`);
    const bundles = o.bundlesDir === undefined ? {} : { bundlesDir: resolve(io.cwd, o.bundlesDir) };
    const choice = await chooseScript("fanout", io.cwd, bundles);
    const runEnv = await resolveRunEnv({ env: {}, config: configPath, processEnv: {}, cwd: io.cwd, required: true });
    const plan: RunPlan = {
      choice, runEnv, engine: "embedded", runDir, runDirPrepared: true, resultsDir: runDir, bundles,
      options: { quiet: o.quiet, includeSystemEnv: false, ...(o.workers !== undefined ? { workers: o.workers } : {}) },
      k6Flags: [], embeddedOnly: [], out: [], summaryExport: undefined,
      guard: { enabled: true, intervalMs: 1000, limits: {} },
    };
    let line: ProgressLine | undefined;
    if (progressEnabled(io.isStdErrTTY, o.quiet, io.env)) plan.progress = { start: (s) => void (line = new ProgressLine(io.stderr, () => progressOf(s))), stop: () => line?.stop() };
    const code = await executeRun(plan, io);
    const seconds = ((Date.now() - started.getTime()) / 1000).toFixed(1);
    io.stdout(`demo: ${seconds} s in all; the simulator's agents.csv and the config finesse.json are in the run folder\n`);
    io.stdout(`against a lab Finesse: npx finesse-load run fanout --config <your config>.json\n`);
    return code;
  } catch (e) {
    if (e instanceof RunSetupError) {
      io.stderr(`finesse-load demo: ${e.message}\n`);
      return e.kind === "build" ? EXIT.scriptException : EXIT.invalidConfig;
    }
    throw e;
  } finally {
    await sim.stop();
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let o: DemoOptions;
  try {
    o = demoOptionsFromArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`finesse-load demo: ${e.message}\n\n${HELP}`);
      return EXIT.invalidConfig;
    }
    throw e;
  }
  if (o.help) {
    io.stdout(HELP);
    return 0;
  }
  return demo(o, io);
}

export const command: Command = { name: "demo", summary: "simulator + build + a short fanout run against it (npm start)", run };
