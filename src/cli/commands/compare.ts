// `finesse-load compare BASELINE CANDIDATE`: regressions between two runs' summaries.
import { resolve } from "node:path";
import {
  compareSummaries, comparisonJunit, comparisonText, DEFAULT_MIN_DELTA_MS, parseMinDelta, parseTolerances, readSummaryFile,
  ReportInputError, resolveRunInput, writeFilesAtomic,
} from "../../report/index.ts";
import { flagHelp, parseCommandArgs, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "tolerance", short: "t", type: "string", repeat: true, value: "[METRIC=]AMOUNT",
    help: "allowed change: 10% (relative) or 2.5 (absolute); METRIC=20% overrides one metric (repeatable; default 10%)" },
  { name: "min-delta", type: "string", value: "MS", help: `latency changes up to this are within tolerance (default ${DEFAULT_MIN_DELTA_MS}ms)` },
  { name: "junit", type: "string", value: "FILE", help: "also write the comparison as JUnit XML" },
  { name: "help", short: "h", type: "bool", help: "show this help" },
];

const HELP = `Usage: finesse-load compare [flags] BASELINE CANDIDATE

Compares two runs' end-of-test summaries (handleSummary data or --summary-export files, or run
folders holding summary.json): per metric the trend avg, p(90), p(95), p(99), rates and counts,
with the delta and a verdict. Worse is higher for latencies and error counts, lower for login
success, event delivery, checks and sessions reached. A threshold that passed in the baseline
and fails in the candidate is a regression too.

Flags:
${flagHelp(FLAGS)}

Exit codes:
  0  no regression
  1  at least one regression (named in the output and the JUnit file)
  2  bad flags, an unreadable or malformed input, or a JUnit file that cannot be written
`;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string, help = false): number => {
    io.stderr(`finesse-load compare: ${message}\n${help ? `\n${HELP}` : ""}`);
    return 2;
  };
  const parsed = parseCommandArgs(argv, FLAGS, io, "compare", HELP);
  if (typeof parsed === "number") return parsed;
  const { flags, positionals } = parsed;
  if (positionals.length !== 2) return fail(`compare takes a baseline and a candidate, got ${positionals.length} argument${positionals.length === 1 ? "" : "s"}`, true);
  const minDeltaFlag = flags.get("min-delta")?.at(-1) as string | undefined;
  let minDelta = DEFAULT_MIN_DELTA_MS;
  let tolerances: ReturnType<typeof parseTolerances>;
  try {
    if (minDeltaFlag !== undefined) minDelta = parseMinDelta(minDeltaFlag);
  } catch (e) {
    if (e instanceof ReportInputError) return fail(`--min-delta: ${e.message}`, true);
    throw e;
  }
  try {
    tolerances = parseTolerances((flags.get("tolerance") ?? []) as string[], minDelta);
  } catch (e) {
    if (e instanceof ReportInputError) return fail(`--tolerance: ${e.message}`, true);
    throw e;
  }
  const junitFlag = flags.get("junit")?.at(-1) as string | undefined;
  try {
    const [baseline, candidate] = await Promise.all(positionals.map(async (p) => readSummaryFile((await resolveRunInput(resolve(io.cwd, p))).summary)));
    const result = compareSummaries(baseline!, candidate!, tolerances);
    if (junitFlag !== undefined) {
      try {
        await writeFilesAtomic([{ path: resolve(io.cwd, junitFlag), text: comparisonJunit(result) }]);
      } catch (e) {
        return fail(`--junit ${junitFlag}: cannot write (${(e as Error).message})`);
      }
    }
    io.stdout(comparisonText(result, { baseline: positionals[0]!, candidate: positionals[1]! }, tolerances));
    return result.regressions > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof ReportInputError) return fail(e.message);
    throw e;
  }
}

export const command: Command = { name: "compare", summary: "compare a candidate run with a baseline; exit 1 on regression", run };
