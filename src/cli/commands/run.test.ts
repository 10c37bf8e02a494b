import { test } from "node:test";
import assert from "node:assert/strict";
import { runOptionsFromArgs } from "./run.ts";

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
  assert.throws(() => runOptionsFromArgs(["-o", "csv=x.csv", "x.js"]), /"--out" flag: only json/);
  assert.throws(() => runOptionsFromArgs(["-e", "NOEQUALS", "x.js"]), /"--env" flag: expected NAME=VALUE/);
  assert.throws(() => runOptionsFromArgs(["--stage", "10s", "x.js"]), /"--stage" flag/);
  assert.throws(() => runOptionsFromArgs(["--workers", "-1", "x.js"]), /"--workers"/);
  assert.throws(() => runOptionsFromArgs(["--sessions-per-vu", "0", "x.js"]), /"--sessions-per-vu"/);
  assert.deepEqual(runOptionsFromArgs(["--workers", "0", "--max-vus-per-process", "500", "--sessions-per-vu", "3", "x.js"]).options, { workers: 0, maxVusPerProcess: 500, filesPerVu: 3 });
  assert.throws(() => runOptionsFromArgs(["--bogus", "x.js"]), /unknown flag: --bogus/);
  assert.throws(() => runOptionsFromArgs(["a.js", "b.js"]), /one script/);
});
