// The run folder: results/runs/<UTC time>-<scenario>/ (e.g. 20261124T081500Z-fanout), or a
// folder the user names, which must not already hold a run.
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { RunSetupError } from "./errors.ts";

/** 2026-11-24T08:15:00.123Z → 20261124T081500Z */
export function utcStamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}

export function runFolderName(started: Date, scenario: string): string {
  return `${utcStamp(started)}-${scenario.replace(/[^A-Za-z0-9._-]/g, "_")}`;
}

/** Makes a new folder under `base`; a second run in the same second gets "-2", "-3", … */
export async function createRunFolder(base: string, started: Date, scenario: string): Promise<string> {
  await mkdir(base, { recursive: true });
  const name = runFolderName(started, scenario);
  for (let n = 1; n <= 100; n++) {
    const dir = join(base, n === 1 ? name : `${name}-${n}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new RunSetupError("run-dir", `cannot create the run folder ${dir}: ${(e as Error).message}`);
    }
  }
  throw new RunSetupError("run-dir", `${base} already holds 100 runs named ${name}`);
}

/** --run-dir DIR: created when missing; an existing one must be an empty folder. */
export async function claimRunDir(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new RunSetupError("run-dir", `--run-dir ${dir}: cannot create it (${(e as Error).message})`);
  }
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    throw new RunSetupError("run-dir", `--run-dir ${dir}: not a readable folder (${(e as Error).message})`);
  }
  if (entries.length > 0) throw new RunSetupError("run-dir", `--run-dir ${dir}: the folder is not empty (it holds ${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""})`);
  return dir;
}
