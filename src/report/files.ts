// The filesystem edge: reading summaries and NDJSON metrics files, writing outputs atomically
// (each to a temporary name in the same folder, then renamed, so nothing half-written remains).
import { createReadStream } from "node:fs";
import { open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { ReportInputError } from "./errors.ts";
import { PointCollector, type PointDigest } from "./points.ts";
import { parseRunInfo, type RunInfo } from "./run-info.ts";
import { parseSummary, type RunSummary } from "./summary.ts";

function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a folder, expected a file";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new ReportInputError("read", path, readProblem(e));
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ReportInputError("json", path, `not valid JSON (${(e as Error).message})`);
  }
}

export async function readSummaryFile(path: string): Promise<RunSummary> {
  return parseSummary(await readJson(path), path);
}

/** A run folder's run.json. */
export async function readRunInfoFile(path: string): Promise<RunInfo> {
  return parseRunInfo(await readJson(path), path);
}

/** Streams a k6 NDJSON file (gzip when it starts with the gzip magic bytes, RFC 1952 §2.3.1). */
export async function readMetricsFile(path: string): Promise<PointDigest> {
  let head: Buffer;
  try {
    const fh = await open(path, "r");
    try {
      head = Buffer.alloc(2);
      await fh.read(head, 0, 2, 0);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new ReportInputError("read", path, readProblem(e));
  }
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const raw = createReadStream(path);
  const source = gz ? raw.pipe(createGunzip()) : raw;
  const collector = new PointCollector(path);
  const failed = new Promise<never>((_, reject) => {
    const fail = (e: Error): void => reject(new ReportInputError("read", path, gz ? `bad gzip data (${e.message})` : e.message));
    raw.on("error", fail);
    source.on("error", fail);
  });
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  const readAll = (async () => {
    let n = 0;
    for await (const line of lines) collector.add(line, ++n);
    return collector.digest();
  })();
  try {
    return await Promise.race([readAll, failed]);
  } finally {
    lines.close();
    raw.destroy();
  }
}

/**
 * Writes every file to a temporary name first and renames them only when all were written. A
 * target that is not a regular file (a folder, say) fails before any rename; if a rename still
 * fails, the outputs renamed before it are removed so no partial set is left.
 */
export async function writeFilesAtomic(files: ReadonlyArray<{ path: string; text: string }>): Promise<void> {
  const temps = files.map((f) => ({ ...f, temp: join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${Date.now()}.tmp`) }));
  const renamed: string[] = [];
  try {
    for (const f of temps) {
      const existing = await stat(f.path).catch(() => undefined);
      if (existing && !existing.isFile()) throw new Error(`${f.path} exists and is not a file`);
    }
    for (const f of temps) await writeFile(f.temp, f.text, { flag: "wx" });
    for (const f of temps) {
      await rename(f.temp, f.path);
      renamed.push(f.path);
    }
  } catch (e) {
    await Promise.all([...temps.map((f) => rm(f.temp, { force: true })), ...renamed.map((p) => rm(p, { force: true }))]);
    throw e;
  }
}

export interface RunInput {
  summary: string;
  /** the run folder's metrics.ndjson.gz when the input is a run folder holding one */
  metrics: string | undefined;
  /** the run folder's run.json when the input is a run folder holding one */
  run: string | undefined;
  /** the folder outputs go to by default */
  dir: string;
}

/** A summary file, or a run folder (results/runs/<run>/ with summary.json and metrics.ndjson.gz). */
export async function resolveRunInput(path: string): Promise<RunInput> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    throw new ReportInputError("read", path, readProblem(e));
  }
  if (!isDir) return { summary: path, metrics: undefined, run: undefined, dir: dirname(path) };
  const summary = join(path, "summary.json");
  const metrics = join(path, "metrics.ndjson.gz");
  const exists = async (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);
  if (!(await exists(summary))) throw new ReportInputError("read", path, "a run folder must hold summary.json");
  const run = join(path, "run.json");
  return { summary, metrics: (await exists(metrics)) ? metrics : undefined, run: (await exists(run)) ? run : undefined, dir: path };
}
