// k6's process exit codes (k6 errext/exitcodes/codes.go; k6 docs, using-k6/thresholds).
// Iteration exceptions and failed checks never change the exit code; test.fail() (110) takes
// precedence over failed thresholds (99).

export const ExitCode = {
  Success: 0,
  CloudTestRunFailed: 97,
  CloudFailedToGetProgress: 98,
  ThresholdsHaveFailed: 99,
  SetupTimeout: 100,
  TeardownTimeout: 101,
  GenericTimeout: 102,
  GenericEngine: 103,
  InvalidConfig: 104,
  ExternalAbort: 105,
  CannotStartRESTAPI: 106,
  ScriptException: 107,
  ScriptAborted: 108,
  GoPanic: 109,
  MarkedAsFailed: 110,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];

/** One-line meaning of each code, for logs and --help. */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCodeValue, string>> = {
  0: "success",
  97: "cloud test run failed",
  98: "cloud progress sync failed",
  99: "thresholds have failed",
  100: "setup() timed out",
  101: "teardown() timed out",
  102: "timeout",
  103: "stopped via the REST API",
  104: "invalid configuration",
  105: "aborted by a signal (SIGINT/SIGTERM)",
  106: "cannot start the REST API",
  107: "script exception (init, setup or teardown)",
  108: "aborted by exec.test.abort()",
  109: "internal panic",
  110: "marked as failed by exec.test.fail()",
};
