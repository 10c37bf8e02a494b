import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "../io.ts";
import { command, demoConfig, demoOptionsFromArgs } from "./demo.ts";

function bufferIo(cwd = process.cwd()): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isStdOutTTY: false,
    isStdErrTTY: false,
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

test("demo defaults: 200 agents and 20 supervisors in teams of 10, a 15 s hold", () => {
  const o = demoOptionsFromArgs([]);
  assert.deepEqual({ ...o }, {
    agents: 200, supervisors: 20, teamSize: 10, seconds: 15, rate: 6,
    resultsDir: undefined, bundlesDir: undefined, workers: undefined, quiet: false, help: false,
  });
  const load = (demoConfig({ url: "http://127.0.0.1:1" }, o).scenarios as { fanout: { load: Record<string, number> } }).fanout.load;
  assert.deepEqual(load, { teams: 20, teamBlock: 11, holdMs: 15_000, stateChangesPerMinute: 6 });
});

test("demo: two supervisors per team make a block of team size + 2", () => {
  const o = demoOptionsFromArgs(["--agents", "40", "--supervisors=8", "--team-size", "10"]);
  const load = (demoConfig({ url: "http://127.0.0.1:1" }, o).scenarios as { fanout: { load: Record<string, number> } }).fanout.load;
  assert.equal(load.teams, 4);
  assert.equal(load.teamBlock, 12);
});

test("demo argument errors name the flag and exit 104 with the usage", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["--agents"], /flag needs an argument: --agents/],
    [["--agents", "many"], /invalid argument "many" for "--agents" flag: expected a non-negative integer/],
    [["--agents", "0"], /invalid argument "0" for "--agents" flag: at least 1/],
    [["--seconds", "0"], /"--seconds" flag: at least 1/],
    [["--team-size", "0"], /"--team-size" flag: at least 1/],
    [["--agents", "25", "--team-size", "10"], /--agents 25 is not a whole number of teams of --team-size 10/],
    [["--agents", "30", "--supervisors", "4"], /--supervisors 4 cannot be shared evenly by the 3 teams \(give a multiple of 3\)/],
    [["--frobnicate"], /unknown flag: --frobnicate/],
    [["extra"], /demo takes no arguments, got: extra/],
  ];
  for (const [argv, message] of cases) {
    const io = bufferIo();
    const code = await command.run(argv, io);
    assert.equal(code, 104, argv.join(" "));
    assert.match(io.err(), message, argv.join(" "));
    assert.match(io.err(), /Usage: finesse-load demo/);
    assert.equal(io.out(), "");
  }
});

test("demo --help prints the flags and exits 0", async () => {
  const io = bufferIo();
  assert.equal(await command.run(["--help"], io), 0);
  for (const flag of ["--agents", "--supervisors", "--team-size", "--seconds", "--results-dir", "--bundles-dir"]) assert.match(io.out(), new RegExp(flag));
});

test("demo at small scale: simulator, build, fanout run; results folder with summary, config and CSV", { timeout: 90_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "finesse-demo-"));
  try {
    const io = bufferIo(dir);
    const code = await command.run(
      ["--agents", "4", "--supervisors", "2", "--team-size", "2", "--seconds", "2", "--rate", "30", "--results-dir", "runs", "--bundles-dir", "bundles", "--workers", "0", "--quiet"],
      io,
    );
    assert.equal(code, 0, `${io.out()}\n${io.err()}`);
    const [run] = await readdir(join(dir, "runs"));
    assert.match(run!, /^\d{8}T\d{6}Z-fanout$/);
    const folder = join(dir, "runs", run!);
    assert.deepEqual((await readdir(folder)).sort(), ["agents.csv", "finesse.json", "junit.xml", "metrics.ndjson.gz", "report.html", "report.md", "run.json", "summary.json"]);
    assert.ok((await readdir(join(dir, "bundles"))).includes("fanout.js"));
    const csv = (await readFile(join(folder, "agents.csv"), "utf8")).trim().split("\n");
    assert.equal(csv.length, 1 + 6);
    const summary = JSON.parse(await readFile(join(folder, "summary.json"), "utf8")) as { metrics: Record<string, { values: Record<string, number> }> };
    assert.equal(summary.metrics.finesse_login_success?.values.rate, 1);
    const rec = JSON.parse(await readFile(join(folder, "run.json"), "utf8")) as { scenario: string; status: string; configFile: string; engine: { name: string } };
    assert.deepEqual([rec.scenario, rec.status, rec.engine.name, rec.configFile], ["fanout", "complete", "embedded", join(folder, "finesse.json")]);
    assert.match(io.out(), /simulator: http:\/\/127\.0\.0\.1:\d+ \(4 agents, 2 supervisors, teams of 2\)/);
    assert.match(io.out(), /finesse_event_delivery/);
    assert.match(io.out(), new RegExp(`run folder: runs/${run}/ \\(agents\\.csv, finesse\\.json, junit\\.xml, .*\\); status complete, exit code 0`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
