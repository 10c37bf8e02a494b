import { test } from "node:test";
import assert from "node:assert/strict";
import { k6FlagsFromArgs, runCliFromArgs, runOptionsFromArgs } from "./run.ts";

test("run flags map to RunOptions", () => {
  const { script, options } = runOptionsFromArgs([
    "-e", "A=1", "--env", "B=x=y", "-u", "5", "-d", "30s", "--stage", "10s:5,5s:0", "-s", "1s:1",
    "--summary-export", "s.json", "-o", "json=out.json.gz", "-q", "--no-color", "--summary-mode", "full",
    "--summary-trend-stats", "avg, p(99)", "--tag", "team=a", "--insecure-skip-tls-verify", "--workers", "2", "script.js",
  ]);
  assert.equal(script, "script.js");
  assert.deepEqual(options, {
    env: { A: "1", B: "x=y" }, tags: { team: "a" }, vus: 5, duration: "30s",
    stages: [{ duration: "10s", target: 5 }, { duration: "5s", target: 0 }, { duration: "1s", target: 1 }],
    summaryExport: "s.json", out: ["json=out.json.gz"], quiet: true, noColor: true, summaryMode: "full",
    summaryTrendStats: ["avg", "p(99)"], insecureSkipTLSVerify: true, workers: 2,
  });
});

test("bad values are errors naming the flag", () => {
  assert.throws(() => runOptionsFromArgs(["-d", "30", "x.js"]), /"--duration" flag: .*missing unit/);
  assert.throws(() => runOptionsFromArgs(["--summary-mode", "legacy", "x.js"]), /"--summary-mode" flag/);
  assert.throws(() => runOptionsFromArgs(["-o", "=x.csv", "x.js"]), /"--out" flag: OUTPUT or OUTPUT=VALUE/);
  assert.throws(() => runOptionsFromArgs(["-e", "NOEQUALS", "x.js"]), /"--env" flag: expected NAME=VALUE/);
  assert.throws(() => runOptionsFromArgs(["--stage", "10s", "x.js"]), /"--stage" flag/);
  assert.throws(() => runOptionsFromArgs(["--workers", "-1", "x.js"]), /"--workers"/);
  assert.throws(() => runOptionsFromArgs(["--sessions-per-vu", "0", "x.js"]), /"--sessions-per-vu"/);
  assert.deepEqual(runOptionsFromArgs(["--workers", "0", "--max-vus-per-process", "500", "--sessions-per-vu", "3", "x.js"]).options, { workers: 0, maxVusPerProcess: 500, filesPerVu: 3 });
  assert.throws(() => runOptionsFromArgs(["--bogus", "x.js"]), /unknown flag: --bogus/);
  assert.throws(() => runOptionsFromArgs(["a.js", "b.js"]), /one script/);
});

test("run's own flags: engine, run folder, config, target, guard; -o prometheus= passes through", () => {
  const cli = runCliFromArgs(["--engine", "k6", "--run-dir", "r", "-c", "f.json", "-t", "https://finesse-a:8445", "--no-guard", "--guard-interval", "500",
    "--guard-cpu-samples", "3", "-o", "prometheus=127.0.0.1:9464", "-e", "A=1", "--summary-export", "s.json", "fanout"], "/w");
  assert.equal(cli.arg, "fanout");
  assert.deepEqual([cli.config, cli.target, cli.env], ["f.json", "https://finesse-a:8445", { A: "1" }]);
  assert.deepEqual([cli.plan.engine, cli.plan.runDir, cli.plan.resultsDir], ["k6", "r", "/w/results/runs"]);
  assert.deepEqual(cli.plan.out, ["prometheus=127.0.0.1:9464"]);
  assert.equal(cli.plan.summaryExport, "s.json");
  assert.deepEqual(cli.plan.guard, { enabled: false, intervalMs: 500, limits: { cpuSamples: 3 } });
  assert.deepEqual(cli.plan.options, {}, "env, out and the summary export are taken out of the runtime options");
  assert.throws(() => runCliFromArgs(["--engine", "docker", "x"], "/"), /"--engine" flag: one of auto, k6, embedded/);
  assert.throws(() => runCliFromArgs(["--target", "finesse-a:8445", "x"], "/"), /"--target" flag: an http/);
  assert.throws(() => runCliFromArgs(["--guard-interval", "10", "x"], "/"), /"--guard-interval" flag: at least 100/);
});

test("the k6-style flags are rendered for k6; the embedded-only ones are set apart", () => {
  assert.deepEqual(k6FlagsFromArgs(["-u", "5", "-d", "30s", "-s", "1s:1", "-s", "2s:0", "--tag", "a=b", "-q", "--insecure-skip-tls-verify", "--summary-mode", "full", "--workers", "2", "x.js"]), {
    flags: ["--vus", "5", "--duration", "30s", "--stage", "1s:1", "--stage", "2s:0", "--tag", "a=b", "--summary-mode", "full", "--quiet", "--insecure-skip-tls-verify"],
    embeddedOnly: ["--workers"],
  });
});
