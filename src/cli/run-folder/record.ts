// run.json: what ran, where, with what, and how it ended. Written at the start with status
// "incomplete" and rewritten (temporary file + rename) as the run goes and at its end, so the
// folder is valid whenever the run stops.
import type { GeneratorRecord } from "../guard/index.ts";
import { jsonText, writeFileAtomic } from "./atomic.ts";
import type { HostFacts } from "./host.ts";

export type RunStatus = "complete" | "incomplete" | "failed";
export type EngineName = "embedded" | "k6";

export interface RunRecord {
  scenario: string;
  /** the k6 script that ran */
  script: string;
  engine: { name: EngineName; version: string };
  bundleSha256: string;
  /** HEAD of the finesse-load checkout, null outside a git checkout */
  gitCommit: string | null;
  gitDirty: boolean | null;
  configFile: string | null;
  /** the validated Finesse config with secrets masked (null when the run named none) */
  config: Record<string, unknown> | null;
  /** -e values given to the script, secrets masked */
  env: Record<string, string>;
  startedAt: string;
  endedAt: string | null;
  host: HostFacts;
  status: RunStatus;
  /** k6's exit code; null while running */
  exitCode: number | null;
  /** why the run ended early or failed */
  error?: string;
  /** the files of the folder, once written */
  files: string[];
  generator: GeneratorRecord;
}

/**
 * The status of a finished run from its k6 exit code: it ran to its end (pass or fail: 0, 99,
 * 110), was stopped early (105 signal, 108 test.abort(), thresholds with abortOnFail), or failed
 * to run (script error, timeouts, bad options, anything else).
 */
export function statusOf(exitCode: number, stoppedEarly = false): RunStatus {
  if (exitCode === 105 || exitCode === 108) return "incomplete";
  if (exitCode === 0 || exitCode === 99 || exitCode === 110) return stoppedEarly ? "incomplete" : "complete";
  return "failed";
}

/** Writes run.json, one write at a time in call order. */
export class RunRecordWriter {
  readonly path: string;
  #chain: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  write(record: RunRecord): Promise<void> {
    const text = jsonText(record);
    const next = this.#chain.then(() => writeFileAtomic(this.path, text));
    this.#chain = next.catch(() => {});
    return next;
  }
}
