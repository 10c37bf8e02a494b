// The reports of one run, as the run folder holds them: report.html, report.md and junit.xml.
import type { PointDigest } from "./points.ts";
import { reportHtml } from "./report-html.ts";
import { reportJunit } from "./report-junit.ts";
import { reportMarkdown } from "./report-md.ts";
import type { RunInfo } from "./run-info.ts";
import type { RunSummary } from "./summary.ts";

export const REPORT_FILES = ["report.html", "report.md", "junit.xml"] as const;

/** Every report of a run: file name (one of REPORT_FILES) and text, to be written side by side. */
export function runReports(s: RunSummary, digest?: PointDigest, run?: RunInfo): Array<{ name: (typeof REPORT_FILES)[number]; text: string }> {
  return [
    { name: "report.html", text: reportHtml(s, digest, run) },
    { name: "report.md", text: reportMarkdown(s, digest, run) },
    { name: "junit.xml", text: reportJunit(s) },
  ];
}
