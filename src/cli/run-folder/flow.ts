// One `finesse-load run`: pick the engine, build the bundle if needed, make the run folder, write
// run.json ("incomplete"), run with the generator guard watching, then summary.json,
// metrics.ndjson.gz, the reports and the final run.json. Signals stop the run as k6 does; the
// folder stays valid whenever the process ends.
import { copyFile, readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { maskSecrets } from "../../config/index.ts";
import type { RunOptions, Scheduler } from "../../runtime/index.ts";
import { GeneratorGuard, guardOff, type GeneratorRecord, type GuardLimits } from "../guard/index.ts";
import type { CliIo } from "../io.ts";
import { bundlePath, ensureBundle, ROOT, type BundleOptions, type ScriptChoice } from "./bundle.ts";
import type { RunEnv } from "./config.ts";
import { runEmbedded } from "./embedded-engine.ts";
import { claimRunDir, createRunFolder } from "./folder.ts";
import { gitFacts, hostFacts, sha256File } from "./host.ts";
import { pickEngine, type EngineChoice } from "./engine.ts";
import { k6Args, k6BeforeWebsockets, startK6, type K6Process } from "./k6-engine.ts";
import { RunRecordWriter, statusOf, type RunRecord } from "./record.ts";
import { writeReports } from "./reports.ts";

export interface GuardSettings {
  enabled: boolean;
  intervalMs: number;
  limits: Partial<GuardLimits>;
}

export interface RunPlan {
  choice: ScriptChoice;
  runEnv: RunEnv;
  engine: EngineChoice;
  /** --run-dir, else a new folder under resultsDir */
  runDir: string | undefined;
  /** runDir was made by the caller, who put files of its own in it (demo: the config and agents CSV) */
  runDirPrepared?: boolean;
  resultsDir: string;
  bundles: BundleOptions;
  /** runtime options from the k6-style flags (embedded engine) */
  options: RunOptions;
  /** the same flags rendered for `k6 run` */
  k6Flags: string[];
  /** embedded-only flags given (refused with k6) */
  embeddedOnly: string[];
  /** --out values besides the run folder's metrics file */
  out: string[];
  /** --summary-export: a copy of the summary elsewhere */
  summaryExport: string | undefined;
  guard: GuardSettings;
  /** progress display of the embedded engine: shown from the start of the scenarios to the end of the run */
  progress?: { start(scheduler: Scheduler): void; stop(): void };
}

const CHECKPOINT_MS = 30_000;

export function shownPath(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return r === "" ? "." : r.startsWith("..") ? p : r;
}

export async function executeRun(plan: RunPlan, io: CliIo): Promise<number> {
  const engine = pickEngine(plan.engine, plan.out, plan.embeddedOnly, io.env);
  const bundles = { ...plan.bundles, legacyWebsockets: plan.bundles.legacyWebsockets === true || (engine.name === "k6" && k6BeforeWebsockets(engine.version)) };
  let choice = plan.choice;
  if (choice.fromScenario && bundles.legacyWebsockets) choice = { ...choice, script: bundlePath(choice.scenario, bundles) };
  if (await ensureBundle(choice, bundles)) io.stderr(`build: ${shownPath(io.cwd, choice.script)} rebuilt from its sources\n`);
  const bundleSha256 = await sha256File(choice.script);

  const started = new Date();
  const dir = plan.runDir === undefined ? await createRunFolder(plan.resultsDir, started, choice.scenario)
    : plan.runDirPrepared === true ? resolve(io.cwd, plan.runDir) : await claimRunDir(resolve(io.cwd, plan.runDir));
  const summaryFile = join(dir, "summary.json");
  const metricsFile = join(dir, "metrics.ndjson.gz");
  const git = gitFacts(ROOT);
  const writer = new RunRecordWriter(join(dir, "run.json"));
  const record: RunRecord = {
    scenario: choice.scenario,
    script: choice.script,
    engine: { name: engine.name, version: engine.version },
    bundleSha256,
    gitCommit: git?.commit ?? null,
    gitDirty: git?.dirty ?? null,
    configFile: plan.runEnv.configFile ?? null,
    config: plan.runEnv.config ?? null,
    env: maskSecrets(plan.runEnv.env),
    startedAt: started.toISOString(),
    endedAt: null,
    host: hostFacts(),
    status: "incomplete",
    exitCode: null,
    files: ["run.json"],
    generator: guardOff(plan.guard.intervalMs, "the run has not started yet"),
  };
  await writer.write(record);

  let lastCheckpoint = Date.now();
  const guard = plan.guard.enabled
    ? new GeneratorGuard({
        intervalMs: plan.guard.intervalMs,
        limits: plan.guard.limits,
        warn: io.stderr,
        onSample: (g: GeneratorRecord) => {
          if (Date.now() - lastCheckpoint < CHECKPOINT_MS) return;
          lastCheckpoint = Date.now();
          void writer.write({ ...record, generator: g }).catch(() => {});
        },
      })
    : undefined;
  let guardStarted: Promise<void> | undefined;
  const startGuard = (): void => void (guardStarted ??= guard?.start());

  // k6 run's signal handling: the first SIGINT/SIGTERM stops gracefully (summary still written, exit 105).
  const stop = new AbortController();
  let k6proc: K6Process | undefined;
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++;
    if (k6proc) {
      if (signals > 2) process.exit(105);
      k6proc.kill(sig);
      return;
    }
    if (signals > 1) process.exit(105);
    io.stderr(`\nStopping the test run in response to ${sig}; press Ctrl+C again to exit at once (run.json stays "incomplete")\n`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let exitCode: number;
  let error: string | undefined;
  let stoppedEarly = false;
  try {
    if (engine.name === "k6") {
      const args = k6Args({ script: choice.script, summaryFile, metricsFile, env: plan.runEnv.env, out: plan.out, flags: plan.k6Flags });
      k6proc = startK6(engine.k6!, args, io);
      startGuard();
      exitCode = await k6proc.exited;
    } else {
      const r = await runEmbedded({
        script: choice.script, summaryFile, metricsFile, env: plan.runEnv.env, out: plan.out,
        options: { ...plan.options, ...(plan.summaryExport !== undefined ? { summaryExport: resolve(io.cwd, plan.summaryExport) } : {}) },
        signal: stop.signal, io, onStart: (scheduler) => {
          plan.progress?.start(scheduler);
          startGuard();
        },
      });
      plan.progress?.stop();
      ({ exitCode, error, stoppedEarly } = r);
    }
  } catch (e) {
    exitCode = 1;
    error = `finesse-load failed: ${(e as Error).stack ?? String(e)}`;
    io.stderr(`${error}\n`);
  } finally {
    plan.progress?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  await guardStarted;
  const generator = !guard ? guardOff(plan.guard.intervalMs, "switched off (--no-guard)")
    : guardStarted === undefined ? guardOff(plan.guard.intervalMs, "the run ended before its scenarios started")
    : await guard.stop();

  const ended: RunRecord = {
    ...record,
    endedAt: new Date().toISOString(),
    status: statusOf(exitCode, stoppedEarly),
    exitCode,
    ...(error !== undefined ? { error } : {}),
    generator,
  };
  const reports = await writeReports(dir, ended);
  if (reports.problem && exitCode !== 104 && exitCode !== 107) io.stderr(`finesse-load run: ${reports.problem}\n`);
  if (engine.name === "k6" && plan.summaryExport !== undefined) {
    await copyFile(summaryFile, resolve(io.cwd, plan.summaryExport)).catch((e: Error) => io.stderr(`finesse-load run: --summary-export ${plan.summaryExport}: ${e.message}\n`));
  }
  const files = (await readdir(dir)).filter((f) => !f.startsWith("."));
  const final: RunRecord = { ...ended, files: [...new Set([...files, "run.json"])].sort() };
  await writer.write(final);
  const warned = generator.warnings.length > 0 ? `; generator guard: ${generator.warnings.map((w) => w.kind).join(", ")} (numbers not trusted)` : "";
  io.stdout(`\nrun folder: ${shownPath(io.cwd, dir)}/ (${final.files.join(", ")}); status ${final.status}, exit code ${exitCode}${warned}\n`);
  return exitCode;
}
