import { test } from "node:test";
import assert from "node:assert/strict";
import { CliError, parseCliArgs, usage } from "./cli-args.ts";

test("arguments map onto simulator options, with --opt value and --opt=value forms", () => {
  const a = parseCliArgs(["--agents", "2000", "--supervisors=100", "--port", "0", "--tls", "--conflict-policy", "reject-new", "--admin=false", "--domain", "f.example"]);
  assert.deepEqual(a.options, { port: 0, agents: 2000, supervisors: 100, tls: true, conflictPolicy: "reject-new", admin: false, domain: "f.example" });
  assert.equal(parseCliArgs([]).options.port, 8445);
  assert.equal(parseCliArgs(["--help"]).help, true);
  assert.match(usage(), /--cti-delay-ms <n>/);
});

test("bad arguments are refused with an error naming them", () => {
  const bad: Array<[string[], RegExp]> = [
    [["--agent", "3"], /unknown argument "--agent"/],
    [["--agents"], /--agents needs a value/],
    [["--agents", "many"], /--agents must be a non-negative integer, got "many"/],
    [["--conflict-policy", "both"], /must be one of kick-old, reject-new/],
    [["--tls=yes"], /--tls takes no value/],
    [["--port", "1", "--port", "2"], /given twice/],
    [["--users-csv", "u.csv", "--agents", "3"], /cannot be combined with --users-csv/],
    [["--domain", "--port"], /--domain needs a value/],
  ];
  for (const [argv, re] of bad) assert.throws(() => parseCliArgs(argv), (e: unknown) => e instanceof CliError && re.test(e.message), argv.join(" "));
});
