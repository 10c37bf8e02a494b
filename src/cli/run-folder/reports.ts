// The run folder's reports: report.md and junit.xml (and report.html when the report module
// provides it) from summary.json, metrics.ndjson.gz and run.json.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { readMetricsFile, readSummaryFile, reportJunit, reportMarkdown, writeFilesAtomic } from "../../report/index.ts";

export interface ReportsWritten {
  files: string[];
  /** why no or not all reports were written */
  problem: string | undefined;
}

export async function writeReports(dir: string): Promise<ReportsWritten> {
  const summaryFile = join(dir, "summary.json");
  const metricsFile = join(dir, "metrics.ndjson.gz");
  const exists = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile() && s.size > 0, () => false);
  if (!(await exists(summaryFile))) return { files: [], problem: "no summary.json, so no reports" };
  try {
    const summary = await readSummaryFile(summaryFile);
    const digest = (await exists(metricsFile)) ? await readMetricsFile(metricsFile) : undefined;
    const files = [
      { path: join(dir, "report.md"), text: reportMarkdown(summary, digest) },
      { path: join(dir, "junit.xml"), text: reportJunit(summary) },
    ];
    await writeFilesAtomic(files);
    return { files: ["report.md", "junit.xml"], problem: undefined };
  } catch (e) {
    return { files: [], problem: `reports not written: ${(e as Error).message}` };
  }
}
