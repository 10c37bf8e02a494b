// The run folder's reports (report.html, report.md, junit.xml) from summary.json,
// metrics.ndjson.gz and the run's record, written together or not at all.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { parseRunInfo, readMetricsFile, readSummaryFile, runReports, writeFilesAtomic } from "../../report/index.ts";
import type { RunRecord } from "./record.ts";

export interface ReportsWritten {
  files: string[];
  /** why no reports were written */
  problem: string | undefined;
}

/** `record` is the run as run.json will say at the end (status, exit code, generator health). */
export async function writeReports(dir: string, record: RunRecord): Promise<ReportsWritten> {
  const summaryFile = join(dir, "summary.json");
  const metricsFile = join(dir, "metrics.ndjson.gz");
  const exists = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile() && s.size > 0, () => false);
  if (!(await exists(summaryFile))) return { files: [], problem: "no summary.json, so no reports" };
  try {
    const summary = await readSummaryFile(summaryFile);
    const digest = (await exists(metricsFile)) ? await readMetricsFile(metricsFile) : undefined;
    const run = parseRunInfo(JSON.parse(JSON.stringify(record)), join(dir, "run.json"));
    const reports = runReports(summary, digest, run);
    await writeFilesAtomic(reports.map((r) => ({ path: join(dir, r.name), text: r.text })));
    return { files: reports.map((r) => r.name), problem: undefined };
  } catch (e) {
    return { files: [], problem: `reports not written: ${(e as Error).message}` };
  }
}
