// What a caller (the CLI, a harness) passes to runTest: k6's common `k6 run` flags.
import type { OptionLayer } from "./options.ts";
import type { Console, ScriptInfo } from "./ports.ts";
import type { Scheduler } from "./scheduler.ts";
import type { SummaryMode } from "./summary.ts";

export interface RunOptions {
  /** -e KEY=VALUE (added to the system environment in __ENV) */
  env?: Record<string, string>;
  /** include the process environment in __ENV (k6 run does; default true) */
  includeSystemEnv?: boolean;
  vus?: number;
  duration?: string;
  iterations?: number;
  stages?: Array<{ duration: string; target: number }>;
  summaryExport?: string;
  /** --out values, e.g. "json=results.json.gz" */
  out?: string[];
  quiet?: boolean;
  noColor?: boolean;
  summaryMode?: SummaryMode;
  summaryTrendStats?: string[];
  tags?: Record<string, string>;
  insecureSkipTLSVerify?: boolean;
  /** worker threads (default: one per core) */
  workers?: number;
  /** most VUs one process may hold before child processes are used (default: from the open-files limit) */
  maxVusPerProcess?: number;
  /** open files (sockets) a VU needs at most, for the process split (default 2) */
  filesPerVu?: number;
  /** where output goes (default: the process streams) */
  console?: Console;
  /** the environment for K6_* variables and __ENV (default: process.env) */
  processEnv?: Readonly<Record<string, string | undefined>>;
  /** external abort: exit code 105 */
  signal?: AbortSignal;
  /** called when the scenarios start, e.g. to show progress */
  onStart?(scheduler: Scheduler, script: ScriptInfo): void;
}

/** The CLI option layer (highest priority) from RunOptions. */
export function cliLayer(o: RunOptions): OptionLayer {
  const layer: OptionLayer = {};
  if (o.vus !== undefined) layer.vus = o.vus;
  if (o.duration !== undefined) layer.duration = o.duration;
  if (o.iterations !== undefined) layer.iterations = o.iterations;
  if (o.stages !== undefined) layer.stages = o.stages;
  if (o.summaryTrendStats !== undefined) layer.summaryTrendStats = o.summaryTrendStats;
  if (o.tags !== undefined) layer.tags = o.tags;
  if (o.insecureSkipTLSVerify !== undefined) layer.insecureSkipTLSVerify = o.insecureSkipTLSVerify;
  if (o.noColor !== undefined) layer.noColor = o.noColor;
  return layer;
}
