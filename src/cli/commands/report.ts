// `finesse-load report SUMMARY.json|RUN-DIR`: report.html, report.md and junit.xml of one run.
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  readMetricsFile, readRunInfoFile, readSummaryFile, ReportInputError, resolveRunInput, runReports, writeFilesAtomic,
} from "../../report/index.ts";
import { flagHelp, parseCommandArgs, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "out", short: "o", type: "string", value: "DIR", help: "folder for report.html, report.md and junit.xml (default: the summary's folder)" },
  { name: "metrics", short: "m", type: "string", value: "FILE", help: "k6 JSON output (NDJSON, .gz or plain): the charts, errors by kind and latency by role" },
  { name: "run", short: "r", type: "string", value: "FILE", help: "run.json (run facts, status, generator health; default: the run folder's)" },
  { name: "help", short: "h", type: "bool", help: "show this help" },
];

const HELP = `Usage: finesse-load report [flags] SUMMARY.json|RUN-DIR

Writes report.html, report.md and junit.xml for a run. SUMMARY.json is the handleSummary data
object or a --summary-export file; a run folder is read as its summary.json (and metrics.ndjson.gz
and run.json, when present). report.html is one self-contained page with the headline and charts
(it opens offline); report.md holds the same headline and tables for a pull-request comment;
junit.xml holds one test case per threshold and per check.

Flags:
${flagHelp(FLAGS)}

Exit codes:
  0  the report was written (whatever the thresholds say; junit.xml carries their verdicts)
  2  bad flags, an unreadable or malformed input, or an output that cannot be written
`;

export const EXIT_BAD_INPUT = 2;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string, help = false): number => {
    io.stderr(`finesse-load report: ${message}\n${help ? `\n${HELP}` : ""}`);
    return EXIT_BAD_INPUT;
  };
  const parsed = parseCommandArgs(argv, FLAGS, io, "report", HELP);
  if (typeof parsed === "number") return parsed;
  const { flags, positionals } = parsed;
  if (positionals.length !== 1) {
    return fail(positionals.length === 0 ? "a summary file or run folder is required" : `report takes one summary, got ${positionals.length}: ${positionals.join(" ")}`, true);
  }
  const metricsFlag = flags.get("metrics")?.at(-1) as string | undefined;
  const outFlag = flags.get("out")?.at(-1) as string | undefined;
  const runFlag = flags.get("run")?.at(-1) as string | undefined;
  try {
    const input = await resolveRunInput(resolve(io.cwd, positionals[0]!));
    const summary = await readSummaryFile(input.summary);
    const metricsFile = metricsFlag === undefined ? input.metrics : resolve(io.cwd, metricsFlag);
    const digest = metricsFile === undefined ? undefined : await readMetricsFile(metricsFile);
    const runFile = runFlag === undefined ? input.run : resolve(io.cwd, runFlag);
    const run = runFile === undefined ? undefined : await readRunInfoFile(runFile);
    const outDir = outFlag === undefined ? input.dir : resolve(io.cwd, outFlag);
    const files = runReports(summary, digest, run).map((f) => ({ path: join(outDir, f.name), text: f.text }));
    try {
      await mkdir(outDir, { recursive: true });
      await writeFilesAtomic(files);
    } catch (e) {
      return fail(`--out ${outFlag ?? outDir}: cannot write (${(e as Error).message})`);
    }
    const thresholds = [...summary.metrics.values()].flatMap((m) => m.thresholds);
    const passed = thresholds.filter((t) => t.ok).length;
    const verdict = thresholds.length === 0 ? "no thresholds" : `${passed} of ${thresholds.length} thresholds passed${passed < thresholds.length ? " (FAIL)" : ""}`;
    io.stdout(`${verdict}\n${files.map((f) => `wrote ${f.path}\n`).join("")}`);
    return 0;
  } catch (e) {
    if (e instanceof ReportInputError) return fail(e.message);
    throw e;
  }
}

export const command: Command = { name: "report", summary: "write report.html, report.md and junit.xml from a run's results", run };
