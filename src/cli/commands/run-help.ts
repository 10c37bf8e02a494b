// The text of `finesse-load run --help`: what a run makes, the generator guard and k6's exit codes.
export function runHelp(flags: string): string {
  return `Usage: finesse-load run [flags] <scenario|SCRIPT.js>

Runs a scenario (its name, e.g. fanout; the bundle is built first when missing or older than its
sources) or a k6 script. --engine auto runs \`k6 run\` when k6 is on PATH, else the embedded k6
runtime; both write the same run folder:

  results/runs/<UTC time>-<scenario>/
    run.json           scenario, engine and version, bundle sha256, git commit, masked config,
                       start/end, host, status (complete | incomplete | failed), exit code,
                       generator guard samples and warnings
    summary.json       the end-of-test summary (embedded: k6's handleSummary data; k6: --summary-export)
    metrics.ndjson.gz  every sample in k6's JSON output format
    report.md, junit.xml

run.json is written with status "incomplete" when the run starts, so an interrupted run leaves a
valid folder. The first Ctrl+C (SIGINT/SIGTERM) stops the run gracefully and still writes the
summary, metrics and reports (exit 105); a second one exits at once.

The generator guard samples this process and its children every second (Linux /proc) and warns,
and marks run.json's generator as not trusted, when CPU stays above 80 % of the machine for 5
samples, open files pass 80 % of their limit, TCP sockets to one destination pass 80 % of the
ephemeral port range, or the event-loop delay p99 passes 100 ms.

Flags:
${flags}

Exit codes (k6's):
  0    the run finished and every threshold passed
  1    an internal error of finesse-load (run.json says why)
  99   thresholds failed
  100  setup() timed out          101  teardown() timed out
  104  invalid flags, options, config or script path (nothing is run, no folder is made)
  105  stopped by SIGINT/SIGTERM (run.json status "incomplete")
  107  script error (init, setup or teardown), or a scenario that does not build
  108  test.abort() was called    110  test.fail() was called
  With k6, k6's own exit code is passed on.
`;
}
