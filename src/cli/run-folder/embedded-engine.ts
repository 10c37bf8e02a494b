// The embedded engine: the k6 script run in this process by src/runtime, its handleSummary data
// written as the run folder's summary.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runTest, type RunOptions, type Scheduler } from "../../runtime/index.ts";
import type { CliIo } from "../io.ts";
import { jsonText, writeFileAtomic } from "./atomic.ts";
import { ROOT } from "./bundle.ts";

export function embeddedVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name?: string; version?: string };
  return `${pkg.name ?? "finesse-load"} ${pkg.version ?? "unknown"} (embedded k6 runtime, Node ${process.version})`;
}

export interface EmbeddedRun {
  script: string;
  summaryFile: string;
  metricsFile: string;
  env: Record<string, string>;
  /** further --out values, passed to the runtime unchanged */
  out: readonly string[];
  options: RunOptions;
  signal: AbortSignal;
  io: CliIo;
  onStart(scheduler: Scheduler): void;
}

export interface EmbeddedResult {
  exitCode: number;
  error: string | undefined;
  stoppedEarly: boolean;
  wroteSummary: boolean;
}

export async function runEmbedded(r: EmbeddedRun): Promise<EmbeddedResult> {
  const io = r.io;
  const result = await runTest(r.script, {
    ...r.options,
    env: r.env,
    out: [`json=${r.metricsFile}`, ...r.out],
    processEnv: io.env,
    console: { stdout: io.stdout, stderr: io.stderr, isStdOutTTY: io.isStdOutTTY, isStdErrTTY: io.isStdErrTTY },
    signal: r.signal,
    onStart: r.onStart,
  });
  if (result.summaryData !== undefined) await writeFileAtomic(r.summaryFile, jsonText(result.summaryData));
  return {
    exitCode: result.exitCode,
    error: result.error,
    // thresholds with abortOnFail end the run early with 99 and say so
    stoppedEarly: result.exitCode === 99 && result.error !== undefined,
    wroteSummary: result.summaryData !== undefined,
  };
}
