// `finesse-load demo` (npm start): the simulator in-process on a free loopback port, its agents CSV and a
// config in results/runs/<UTC time>-fanout/, the scenario bundles built, then a short `fanout` run with the
// embedded runtime; prints the summary and where the results are, exits with the run's exit code.
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { buildScenarios } from "../../../build.mjs";
import { EXIT, progressOf, runTest, type Scheduler } from "../../runtime/index.ts";
import { populationToCsv, startSimulator, type Simulator } from "../../simulator/index.ts";
import { flagHelp, parseArgs, UsageError, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";
import { progressEnabled, ProgressLine } from "../progress-line.ts";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");

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

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, "-");
}

async function demo(o: DemoOptions, io: CliIo): Promise<number> {
  const started = new Date();
  const runDir = resolve(io.cwd, o.resultsDir ?? join(ROOT, "results", "runs"), `${stamp(started)}-fanout`);
  const shown = (p: string): string => relative(io.cwd, p) || ".";
  await mkdir(runDir, { recursive: true });
  const sim = await startSimulator({ host: "127.0.0.1", port: 0, agents: o.agents, supervisors: o.supervisors, teamSize: o.teamSize });
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) process.exit(EXIT.externalAbort);
    io.stderr(`\nStopping the demo in response to ${sig}; press Ctrl+C again to exit at once\n`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let progress: ProgressLine | undefined;
  try {
    io.stdout(`simulator: ${sim.url} (${o.agents} agents, ${o.supervisors} supervisors, teams of ${o.teamSize})\n`);
    await writeFile(join(runDir, "agents.csv"), populationToCsv(sim.population));
    const configPath = join(runDir, "finesse.json");
    await writeFile(configPath, `${JSON.stringify(demoConfig(sim, o), null, 2)}\n`);
    let bundles: Awaited<ReturnType<typeof buildScenarios>>;
    try {
      bundles = await buildScenarios(o.bundlesDir === undefined ? {} : { outDir: resolve(io.cwd, o.bundlesDir) });
    } catch (e) {
      io.stderr(`finesse-load demo: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.scriptException;
    }
    for (const b of bundles) io.stdout(`build: ${shown(b.bundle)} (${b.minifiedBytes} B minified)\n`);
    const fanout = bundles.find((b) => b.bundle.endsWith("fanout.js"));
    if (!fanout) throw new Error("the build produced no fanout.js");
    const summary = join(runDir, "summary.json");
    const showProgress = progressEnabled(io.isStdErrTTY, o.quiet, io.env);
    const result = await runTest(fanout.bundle, {
      env: { FINESSE_CONFIG: configPath },
      summaryExport: summary,
      quiet: o.quiet,
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
      processEnv: io.env,
      console: { stdout: io.stdout, stderr: io.stderr, isStdOutTTY: io.isStdOutTTY, isStdErrTTY: io.isStdErrTTY },
      signal: stop.signal,
      onStart: (scheduler: Scheduler) => {
        if (showProgress) progress = new ProgressLine(io.stderr, () => progressOf(scheduler));
      },
    });
    progress?.stop();
    const seconds = ((Date.now() - started.getTime()) / 1000).toFixed(1);
    io.stdout(`\nresults: ${shown(runDir)}/ (summary.json, finesse.json, agents.csv); exit code ${result.exitCode}; ${seconds} s in all\n`);
    io.stdout(`against a lab Finesse: npx finesse-load run ${shown(fanout.bundle)} -e FINESSE_CONFIG=<your config>.json\n`);
    return result.exitCode;
  } finally {
    progress?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
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
