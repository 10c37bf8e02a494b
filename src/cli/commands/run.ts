// `finesse-load run <scenario|script.js>`: k6's `k6 run` with its common flags (k6 docs,
// using-k6/k6-options/reference), on k6 when it is on PATH or on the embedded runtime, each run in
// its own run folder with run.json, summary.json, metrics.ndjson.gz and the reports.
import { join, resolve } from "node:path";
import { EXIT, parseDuration, parseStages, progressOf, type RunOptions } from "../../runtime/index.ts";
import { flagHelp, parseArgs, UsageError, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";
import { progressEnabled, ProgressLine } from "../progress-line.ts";
import { runHelp } from "./run-help.ts";
import { chooseScript, executeRun, resolveRunEnv, RunSetupError, scenarioNames, type EngineChoice, type RunPlan } from "../run-folder/index.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "config", short: "c", type: "string", value: "FILE", help: "Finesse config (JSON); sets FINESSE_CONFIG for the script" },
  { name: "target", short: "t", type: "string", value: "URL", help: "Finesse REST URL of the node under test; sets FINESSE_TARGET (targets[0].restUrl)" },
  { name: "engine", type: "string", value: "ENGINE", help: "auto (k6 when on PATH, else embedded; default), k6 or embedded" },
  { name: "run-dir", type: "string", value: "DIR", help: "the run folder (default results/runs/<UTC time>-<scenario>); must be new or empty" },
  { name: "results-dir", type: "string", value: "DIR", help: "where run folders are made (default results/runs)" },
  { name: "bundles-dir", type: "string", value: "DIR", help: "where scenario bundles are built (default results/bundles in the package)" },
  { name: "env", short: "e", type: "string", repeat: true, value: "KEY=VALUE", help: "add an environment variable to __ENV" },
  { name: "vus", short: "u", type: "int", value: "N", help: "number of virtual users" },
  { name: "duration", short: "d", type: "string", value: "DURATION", help: 'test duration, e.g. "30s", "1m30s"' },
  { name: "iterations", short: "i", type: "int", value: "N", help: "total iterations, shared by the VUs" },
  { name: "stage", short: "s", type: "string", repeat: true, value: "DURATION:TARGET", help: 'a ramping stage, e.g. "30s:10" (repeatable)' },
  { name: "summary-export", type: "string", value: "FILE", help: "also write the end-of-test summary export to FILE" },
  { name: "out", short: "o", type: "string", repeat: true, value: "OUTPUT", help: "another output besides the run folder's: json=FILE or prometheus=HOST:PORT (k6: any k6 output)" },
  { name: "quiet", short: "q", type: "bool", help: "no progress output" },
  { name: "no-color", type: "bool", help: "no colours in the output" },
  { name: "summary-mode", type: "string", value: "MODE", help: "end-of-test summary: compact (default), full, disabled" },
  { name: "summary-trend-stats", type: "string", value: "STATS", help: 'trend columns, e.g. "avg,p(95),max"' },
  { name: "tag", type: "string", repeat: true, value: "NAME=VALUE", help: "a tag added to every sample (repeatable)" },
  { name: "insecure-skip-tls-verify", type: "bool", help: "skip TLS certificate verification" },
  { name: "workers", type: "int", value: "N", help: "embedded: worker threads for VUs (default: one per core; 0 runs VUs in the main thread)" },
  { name: "max-vus-per-process", type: "int", value: "N", help: "embedded: VUs one process may hold before child processes are used" },
  { name: "sessions-per-vu", type: "int", value: "N", help: "embedded: open files (sockets) one VU may hold, for the process split (default 1)" },
  { name: "no-guard", type: "bool", help: "do not watch the load generator's own CPU, memory, files, ports and event loop" },
  { name: "guard-interval", type: "int", value: "MS", help: "generator guard sampling interval in ms (default 1000)" },
  { name: "guard-cpu-samples", type: "int", value: "N", help: "samples in a row above 80 % CPU before the guard warns (default 5)" },
  { name: "help", short: "h", type: "bool", help: "show this help" },
];

const EMBEDDED_ONLY = ["workers", "max-vus-per-process", "sessions-per-vu"];

const HELP = runHelp(flagHelp(FLAGS));


/** Turns parsed flags into RunOptions; bad values are UsageErrors naming the flag. */
export function runOptionsFromArgs(argv: readonly string[]): { script: string | undefined; help: boolean; options: RunOptions } {
  const { flags, positionals } = parseArgs(argv, FLAGS);
  const one = <T>(name: string): T | undefined => flags.get(name)?.at(-1) as T | undefined;
  const all = (name: string): string[] => (flags.get(name) ?? []) as string[];
  const o: RunOptions = {};
  const pairs = (flag: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const kv of all(flag)) {
      const eq = kv.indexOf("=");
      if (eq <= 0) throw new UsageError(`invalid argument "${kv}" for "--${flag}" flag: expected NAME=VALUE`, `--${flag}`);
      out[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return out;
  };
  if (flags.has("env")) o.env = pairs("env");
  if (flags.has("tag")) o.tags = pairs("tag");
  const vus = one<number>("vus");
  if (vus !== undefined) o.vus = vus;
  const iterations = one<number>("iterations");
  if (iterations !== undefined) o.iterations = iterations;
  const duration = one<string>("duration");
  if (duration !== undefined) {
    try {
      parseDuration(duration);
    } catch (e) {
      throw new UsageError(`invalid argument "${duration}" for "--duration" flag: ${(e as Error).message}`, "--duration");
    }
    o.duration = duration;
  }
  if (flags.has("stage")) {
    try {
      o.stages = all("stage").flatMap((s) => parseStages(s));
    } catch (e) {
      throw new UsageError(`invalid argument for "--stage" flag: ${(e as Error).message}`, "--stage");
    }
  }
  const exp = one<string>("summary-export");
  if (exp !== undefined) o.summaryExport = exp;
  if (flags.has("out")) {
    o.out = all("out");
    for (const v of o.out) {
      if (!/^[a-z][a-z0-9-]*(=.*)?$/.test(v)) throw new UsageError(`invalid argument "${v}" for "--out" flag: OUTPUT or OUTPUT=VALUE, e.g. json=FILE`, "--out");
    }
  }
  if (one<boolean>("quiet")) o.quiet = true;
  if (one<boolean>("no-color") !== undefined) o.noColor = one<boolean>("no-color")!;
  const mode = one<string>("summary-mode");
  if (mode !== undefined) {
    if (mode !== "compact" && mode !== "full" && mode !== "disabled") {
      throw new UsageError(`invalid argument "${mode}" for "--summary-mode" flag: one of compact, full, disabled`, "--summary-mode");
    }
    o.summaryMode = mode;
  }
  const stats = one<string>("summary-trend-stats");
  if (stats !== undefined) o.summaryTrendStats = stats.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const tls = one<boolean>("insecure-skip-tls-verify");
  if (tls !== undefined) o.insecureSkipTLSVerify = tls;
  const workers = one<number>("workers");
  if (workers !== undefined) o.workers = workers;
  const perProcess = one<number>("max-vus-per-process");
  if (perProcess !== undefined) {
    if (perProcess < 1) throw new UsageError(`invalid argument "0" for "--max-vus-per-process" flag: at least 1`, "--max-vus-per-process");
    o.maxVusPerProcess = perProcess;
  }
  const sessions = one<number>("sessions-per-vu");
  if (sessions !== undefined) {
    if (sessions < 1) throw new UsageError(`invalid argument "0" for "--sessions-per-vu" flag: at least 1`, "--sessions-per-vu");
    o.filesPerVu = sessions;
  }
  if (positionals.length > 1) throw new UsageError(`run takes one script, got ${positionals.length}: ${positionals.join(" ")}`);
  return { script: positionals[0], help: one<boolean>("help") === true, options: o };
}

/** The same flags as `k6 run` takes them, for the k6 engine. */
export function k6FlagsFromArgs(argv: readonly string[]): { flags: string[]; embeddedOnly: string[] } {
  const { flags } = parseArgs(argv, FLAGS);
  const out: string[] = [];
  const passOn = ["vus", "duration", "iterations", "stage", "tag", "summary-mode", "summary-trend-stats"];
  for (const name of passOn) for (const v of flags.get(name) ?? []) out.push(`--${name}`, String(v));
  for (const name of ["quiet", "no-color", "insecure-skip-tls-verify"]) if (flags.get(name)?.at(-1) === true) out.push(`--${name}`);
  return { flags: out, embeddedOnly: EMBEDDED_ONLY.filter((n) => flags.has(n)).map((n) => `--${n}`) };
}

interface RunCli {
  arg: string | undefined;
  help: boolean;
  plan: Omit<RunPlan, "choice" | "runEnv">;
  config: string | undefined;
  target: string | undefined;
  env: Record<string, string>;
  bundlesDir: string | undefined;
}

/** Parses every flag of `run`; bad values are UsageErrors naming the flag. */
export function runCliFromArgs(argv: readonly string[], cwd: string): RunCli {
  const { script, help, options } = runOptionsFromArgs(argv);
  const { flags } = parseArgs(argv, FLAGS);
  const one = <T>(name: string): T | undefined => flags.get(name)?.at(-1) as T | undefined;
  const engine = one<string>("engine") ?? "auto";
  if (engine !== "auto" && engine !== "k6" && engine !== "embedded") throw new UsageError(`invalid argument "${engine}" for "--engine" flag: one of auto, k6, embedded`, "--engine");
  const intervalMs = one<number>("guard-interval") ?? 1000;
  if (intervalMs < 100) throw new UsageError(`invalid argument "${intervalMs}" for "--guard-interval" flag: at least 100 (ms)`, "--guard-interval");
  const cpuSamples = one<number>("guard-cpu-samples") ?? 5;
  if (cpuSamples < 1) throw new UsageError(`invalid argument "0" for "--guard-cpu-samples" flag: at least 1`, "--guard-cpu-samples");
  const target = one<string>("target");
  if (target !== undefined && !/^https?:\/\/[^/]/.test(target)) throw new UsageError(`invalid argument "${target}" for "--target" flag: an http:// or https:// URL of the Finesse REST API`, "--target");
  const { env = {}, out = [], summaryExport, ...runtime } = options;
  const k6 = k6FlagsFromArgs(argv);
  const resultsDir = one<string>("results-dir");
  return {
    arg: script,
    help,
    config: one<string>("config"),
    target,
    env,
    bundlesDir: one<string>("bundles-dir"),
    plan: {
      engine: engine as EngineChoice,
      runDir: one<string>("run-dir"),
      resultsDir: resolve(cwd, resultsDir ?? join("results", "runs")),
      bundles: {},
      options: runtime,
      k6Flags: k6.flags,
      embeddedOnly: k6.embeddedOnly,
      out,
      summaryExport,
      guard: { enabled: one<boolean>("no-guard") !== true, intervalMs, limits: { cpuSamples } },
    },
  };
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let cli: RunCli;
  try {
    cli = runCliFromArgs(argv, io.cwd);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`finesse-load run: ${e.message}\n\n${HELP}`);
      return EXIT.invalidConfig;
    }
    throw e;
  }
  if (cli.help) {
    io.stdout(HELP);
    return 0;
  }
  if (cli.arg === undefined) {
    io.stderr(`finesse-load run: a scenario (${(await scenarioNames()).join(", ")}) or a script is required\n\n${HELP}`);
    return EXIT.invalidConfig;
  }
  let plan: RunPlan;
  try {
    const bundles = cli.bundlesDir === undefined ? {} : { bundlesDir: resolve(io.cwd, cli.bundlesDir) };
    const choice = await chooseScript(cli.arg, io.cwd, bundles);
    const runEnv = await resolveRunEnv({ env: cli.env, config: cli.config, target: cli.target, processEnv: io.env, cwd: io.cwd, required: choice.fromScenario });
    plan = { ...cli.plan, bundles, choice, runEnv };
  } catch (e) {
    if (e instanceof RunSetupError) {
      io.stderr(`finesse-load run: ${e.message}\n`);
      return EXIT.invalidConfig;
    }
    throw e;
  }
  const showProgress = progressEnabled(io.isStdErrTTY, plan.options.quiet === true, io.env);
  let line: ProgressLine | undefined;
  if (showProgress) plan.progress = { start: (s) => void (line = new ProgressLine(io.stderr, () => progressOf(s))), stop: () => line?.stop() };
  try {
    return await executeRun(plan, io);
  } catch (e) {
    if (e instanceof RunSetupError) {
      io.stderr(`finesse-load run: ${e.message}\n`);
      return e.kind === "build" ? EXIT.scriptException : EXIT.invalidConfig;
    }
    throw e;
  }
}

export const command: Command = { name: "run", summary: "run a scenario or k6 script (k6 or the embedded runtime) into a run folder", run };
