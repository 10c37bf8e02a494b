// `finesse-load run SCRIPT.js`: k6's `k6 run` with its common flags (k6 docs,
// using-k6/k6-options/reference).
import { resolve } from "node:path";
import { EXIT, parseDuration, parseStages, progressOf, runTest, type RunOptions, type Scheduler } from "../../runtime/index.ts";
import { flagHelp, parseArgs, UsageError, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";
import { progressEnabled, ProgressLine } from "../progress-line.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "env", short: "e", type: "string", repeat: true, value: "KEY=VALUE", help: "add an environment variable to __ENV" },
  { name: "vus", short: "u", type: "int", value: "N", help: "number of virtual users" },
  { name: "duration", short: "d", type: "string", value: "DURATION", help: 'test duration, e.g. "30s", "1m30s"' },
  { name: "iterations", short: "i", type: "int", value: "N", help: "total iterations, shared by the VUs" },
  { name: "stage", short: "s", type: "string", repeat: true, value: "DURATION:TARGET", help: 'a ramping stage, e.g. "30s:10" (repeatable)' },
  { name: "summary-export", type: "string", value: "FILE", help: "write the end-of-test summary as JSON" },
  { name: "out", short: "o", type: "string", repeat: true, value: "json=FILE", help: "stream samples as NDJSON (FILE.gz gzips)" },
  { name: "quiet", short: "q", type: "bool", help: "no progress output" },
  { name: "no-color", type: "bool", help: "no colours in the output" },
  { name: "summary-mode", type: "string", value: "MODE", help: "end-of-test summary: compact (default), full, disabled" },
  { name: "summary-trend-stats", type: "string", value: "STATS", help: 'trend columns, e.g. "avg,p(95),max"' },
  { name: "tag", type: "string", repeat: true, value: "NAME=VALUE", help: "a tag added to every sample (repeatable)" },
  { name: "insecure-skip-tls-verify", type: "bool", help: "skip TLS certificate verification" },
  { name: "workers", type: "int", value: "N", help: "worker threads for VUs (default: one per core; 0 runs VUs in the main thread)" },
  { name: "max-vus-per-process", type: "int", value: "N", help: "VUs one process may hold before child processes are used" },
  { name: "sessions-per-vu", type: "int", value: "N", help: "open files (sockets) one VU may hold, for the process split (default 1)" },
  { name: "help", short: "h", type: "bool", help: "show this help" },
];

const HELP = `Usage: finesse-load run [flags] SCRIPT.js

Runs a k6 script with the embedded k6 runtime.

Flags:
${flagHelp(FLAGS)}
`;

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
      if (!/^json(=.*)?$/.test(v)) throw new UsageError(`invalid argument "${v}" for "--out" flag: only json=FILE is supported`, "--out");
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

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof runOptionsFromArgs>;
  try {
    parsed = runOptionsFromArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`finesse-load run: ${e.message}\n\n${HELP}`);
      return EXIT.invalidConfig;
    }
    throw e;
  }
  if (parsed.help) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.script === undefined) {
    io.stderr(`finesse-load run: a script is required\n\n${HELP}`);
    return EXIT.invalidConfig;
  }
  // SIGINT/SIGTERM: the first stops the test gracefully (teardown and summary still run, exit 105),
  // the second exits at once (k6 run behaviour).
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) process.exit(EXIT.externalAbort);
    io.stderr(`\nStopping the test run in response to ${sig}; press Ctrl+C again to exit at once\n`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const showProgress = progressEnabled(io.isStdErrTTY, parsed.options.quiet === true, io.env);
  let progress: ProgressLine | undefined;
  try {
    const result = await runTest(resolve(io.cwd, parsed.script), {
      ...parsed.options,
      processEnv: io.env,
      console: { stdout: io.stdout, stderr: io.stderr, isStdOutTTY: io.isStdOutTTY, isStdErrTTY: io.isStdErrTTY },
      signal: stop.signal,
      onStart: (scheduler: Scheduler) => {
        if (showProgress) progress = new ProgressLine(io.stderr, () => progressOf(scheduler));
      },
    });
    progress?.stop();
    return result.exitCode;
  } finally {
    progress?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

export const command: Command = { name: "run", summary: "run a k6 script with the embedded k6 runtime", run };
