// Errors of the execution layer, each with the k6 exit code it maps to (k6 errext/exitcodes).
export const EXIT = {
  ok: 0,
  thresholdsFailed: 99,
  setupTimeout: 100,
  teardownTimeout: 101,
  genericTimeout: 102,
  invalidConfig: 104,
  externalAbort: 105,
  scriptException: 107,
  scriptAborted: 108,
  markedAsFailed: 110,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Invalid options/scenarios/CLI flags: every problem at once. Exit code 104 like k6. */
export class OptionsError extends Error {
  override name = "OptionsError";
  readonly kind = "invalid-config";
  readonly exitCode = EXIT.invalidConfig;
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}
