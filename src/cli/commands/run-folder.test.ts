// `finesse-load run` end to end, in this process: a scenario against the simulator on the embedded
// engine, and the k6 engine through a fake `k6` executable on a temporary PATH that records its
// argv and writes the two files k6 would (this checks the command line built for k6, not k6).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { populationToCsv, startSimulator } from "../../simulator/index.ts";
import type { CliIo } from "../io.ts";
import { main } from "../main.ts";
import type { RunRecord } from "../run-folder/index.ts";

function io(cwd: string, env: Record<string, string | undefined>) {
  const buf = { out: "", err: "" };
  const value: CliIo = { stdout: (t) => void (buf.out += t), stderr: (t) => void (buf.err += t), isStdOutTTY: false, isStdErrTTY: false, env, cwd };
  return { buf, io: value };
}

/** PATH without any k6 on it */
function pathWithoutK6(): string {
  return (process.env.PATH ?? "").split(":").filter((d) => d !== "" && !d.includes("k6")).join(":");
}

async function smokeConfig(dir: string, restUrl: string, csv: string): Promise<string> {
  await writeFile(join(dir, "agents.csv"), csv);
  const file = join(dir, "finesse.json");
  await writeFile(file, JSON.stringify({
    targets: [{ name: "sim", restUrl, finesseVersion: "12.6" }],
    agents: { csv: "agents.csv" },
    behaviour: { ping: { intervalMs: 1_000, timeoutMs: 2_000, maxMisses: 2 }, eventTimeoutMs: 3_000, phaseTimeoutMs: 5_000 },
    scenarios: { smoke: { load: { agents: 4, holdMs: 2_500, stateChangesPerMinute: 60 } } },
  }));
  return file;
}

test("run smoke (embedded): builds the bundle and fills the run folder", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-smoke-"));
  const sim = await startSimulator({ host: "127.0.0.1", port: 0, agents: 3, supervisors: 1, teamSize: 3, ctiDelayMs: 5 });
  try {
    const config = await smokeConfig(dir, sim.url, populationToCsv(sim.population));
    const runDir = join(dir, "run");
    const t = io(dir, { PATH: pathWithoutK6(), MY_TOKEN: undefined });
    const code = await main(["run", "smoke", "--engine", "auto", "--config", "finesse.json", "--run-dir", "run", "--bundles-dir", "bundles",
      "--workers", "1", "-q", "-e", "LAB_PASSWORD=hunter2", "--guard-interval", "500"], t.io);
    assert.equal(code, 0, t.buf.err);
    assert.match(t.buf.out, /run folder: run\/ \(junit\.xml, metrics\.ndjson\.gz, report\.html, report\.md, run\.json, summary\.json\); status complete, exit code 0/);
    assert.deepEqual((await readdir(runDir)).sort(), ["junit.xml", "metrics.ndjson.gz", "report.html", "report.md", "run.json", "summary.json"]);

    const rec = JSON.parse(await readFile(join(runDir, "run.json"), "utf8")) as RunRecord;
    assert.equal(rec.scenario, "smoke");
    assert.equal(rec.script, join(dir, "bundles", "smoke.js"));
    assert.equal(rec.engine.name, "embedded");
    assert.match(rec.engine.version, /^finesse-load \d+\.\d+\.\d+ /);
    assert.equal(rec.bundleSha256, createHash("sha256").update(await readFile(rec.script)).digest("hex"));
    assert.match(rec.gitCommit ?? "", /^[0-9a-f]{40}$/);
    assert.equal(rec.configFile, config);
    assert.equal((rec.config as { targets: Array<{ restUrl: string }> }).targets[0]?.restUrl, sim.url);
    assert.deepEqual(rec.env, { FINESSE_CONFIG: config, LAB_PASSWORD: "***" });
    assert.deepEqual([rec.status, rec.exitCode], ["complete", 0]);
    assert.ok(Date.parse(rec.startedAt) < Date.parse(rec.endedAt!));
    assert.ok(rec.host.cpus >= 1 && rec.host.memoryBytes > 0 && rec.host.node === process.version && rec.host.hostname !== "");
    assert.equal(rec.generator.intervalMs, 500);
    assert.ok(rec.generator.samples.length >= 2, `samples: ${rec.generator.samples.length}`);
    const s = rec.generator.samples[0]!;
    assert.deepEqual(Object.keys(s), ["t", "cpuPercent", "rssBytes", "fds", "fdLimit", "tcpSockets", "portRange", "eventLoopLagP99Ms"]);
    assert.ok(s.rssBytes > 0 && s.fdLimit > 0 && s.portRange > 0);
    assert.ok(rec.generator.samples.some((x) => x.tcpSockets >= 1), "the agents' sockets to the simulator are seen");
    assert.equal(typeof rec.generator.trusted, "boolean");

    // summary.json: k6's handleSummary data
    const summary = JSON.parse(await readFile(join(runDir, "summary.json"), "utf8")) as { metrics: Record<string, { type: string; values: Record<string, number> }>; root_group: unknown; state: unknown };
    assert.equal(summary.metrics.checks?.type, "rate");
    assert.equal(summary.metrics.checks?.values.fails, 0);
    assert.equal(summary.metrics.xmpp_time_to_ready?.values.count, 4);
    assert.ok(summary.root_group && summary.state);
    // metrics.ndjson.gz: k6 JSON output, gzip
    const lines = gunzipSync(await readFile(join(runDir, "metrics.ndjson.gz"))).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string; metric: string });
    assert.equal(lines.filter((l) => l.type === "Point" && l.metric === "xmpp_time_to_ready").length, 4);
    assert.ok(lines.some((l) => l.type === "Metric" && l.metric === "checks"));
    assert.match(await readFile(join(runDir, "junit.xml"), "utf8"), /<testsuites[\s\S]*<testcase/);
    assert.match(await readFile(join(runDir, "report.md"), "utf8"), /finesse_login_success|xmpp_time_to_ready/);
    const html = await readFile(join(runDir, "report.html"), "utf8");
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.match(html, /smoke/);
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

const FAKE_K6 = `#!${process.execPath}
// A stand-in for k6: records its argv, writes the --summary-export and --out json= files as k6 does.
const fs = require("node:fs");
const zlib = require("node:zlib");
const args = process.argv.slice(2);
if (args[0] === "version") {
  console.log("k6 v1.5.0 (commit/fake, go1.24.1, linux/amd64)");
  process.exit(0);
}
fs.writeFileSync(process.env.FAKE_K6_ARGV, JSON.stringify(args));
const summary = args[args.indexOf("--summary-export") + 1];
const out = args[args.indexOf("--out") + 1].replace(/^json=/, "");
fs.writeFileSync(summary, JSON.stringify({
  root_group: { name: "", path: "", id: "d41d8cd98f00b204e9800998ecf8427e", groups: {}, checks: { "signed in": { name: "signed in", path: "::signed in", id: "x", passes: 3, fails: 1 } } },
  metrics: { checks: { passes: 3, fails: 1, value: 0.75, thresholds: { "rate==1": true } }, iterations: { count: 1, rate: 0.5 } },
}, null, 4));
const point = { type: "Point", metric: "iterations", data: { time: new Date().toISOString(), value: 1, tags: { scenario: "default" } } };
fs.writeFileSync(out, zlib.gzipSync(JSON.stringify(point) + "\\n"));
console.log("fake k6 ran");
process.exit(Number(process.env.FAKE_K6_EXIT ?? 0));
`;

test("run with k6 on PATH: k6 run gets the run folder's outputs and the -e values; k6 before v1.6 gets the legacy bundle", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-k6-"));
  try {
    const bin = join(dir, "bin");
    await mkdir(bin);
    await writeFile(join(bin, "k6"), FAKE_K6);
    await chmod(join(bin, "k6"), 0o755);
    await smokeConfig(dir, "http://127.0.0.1:9", "id,password,extension,teamId,role\n1001,pw,2001,1,agent\n");
    const argvFile = join(dir, "argv.json");
    const env = { PATH: `${bin}:${process.env.PATH ?? ""}`, FAKE_K6_ARGV: argvFile, FAKE_K6_EXIT: "99" };

    const refused = io(dir, env);
    assert.equal(await main(["run", "smoke", "-c", "finesse.json", "--run-dir", "r0", "--workers", "2"], refused.io), 104);
    assert.match(refused.buf.err, /--workers: only for the embedded engine, and k6 was found on PATH \(--engine auto\)/);
    await assert.rejects(stat(join(dir, "r0")), "no folder for a refused run");

    const t = io(dir, env);
    const code = await main(["run", "smoke", "-c", "finesse.json", "--run-dir", "r1", "--bundles-dir", "bundles", "-e", "A=1", "-u", "2", "-o", "experimental-prometheus-rw"], t.io);
    assert.equal(code, 99, t.buf.err);
    assert.match(t.buf.out, /fake k6 ran/);
    const runDir = join(dir, "r1");
    const script = join(dir, "bundles", "k6-before-1.6", "smoke.js");
    assert.deepEqual(JSON.parse(await readFile(argvFile, "utf8")), [
      "run", "--summary-export", join(runDir, "summary.json"), "--out", `json=${join(runDir, "metrics.ndjson.gz")}`, "--out", "experimental-prometheus-rw",
      "-e", "A=1", "-e", `FINESSE_CONFIG=${join(dir, "finesse.json")}`, "--vus", "2", script,
    ]);
    assert.match(await readFile(script, "utf8"), /from "k6\/experimental\/websockets"/);
    const rec = JSON.parse(await readFile(join(runDir, "run.json"), "utf8")) as RunRecord;
    assert.deepEqual(rec.engine, { name: "k6", version: "k6 v1.5.0 (commit/fake, go1.24.1, linux/amd64)" });
    assert.deepEqual([rec.status, rec.exitCode, rec.script], ["complete", 99, script]);
    assert.deepEqual(rec.files, ["junit.xml", "metrics.ndjson.gz", "report.html", "report.md", "run.json", "summary.json"]);
    assert.match(await readFile(join(runDir, "junit.xml"), "utf8"), /rate==1[\s\S]*<failure/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("run refuses what it cannot run before making a folder: --engine k6 without k6, unknown scenarios, missing config", async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-refused-"));
  try {
    const env = { PATH: pathWithoutK6() };
    const cases: Array<[string[], RegExp]> = [
      [["run", "src/cli/fixtures/small.js", "--engine", "k6"], /--engine k6: no k6 executable on PATH/],
      [["run", "smokey"], /unknown scenario "smokey": one of capacity, failover, fanout, login-storm, smoke, soak/],
      [["run", "smoke"], /no Finesse configuration: give --config FILE/],
      [["run", "smoke", "--config", "nope.json"], /--config nope\.json: no such file/],
      [["run", "missing.js"], /script missing\.js: no such file/],
      [["run", "src/cli/fixtures/small.js", "-o", "csv=x.csv"], /--out csv=x\.csv: the embedded engine has json=FILE and prometheus=HOST:PORT outputs/],
    ];
    for (const [argv, re] of cases) {
      const t = io(join(import.meta.dirname, "..", "..", ".."), env);
      assert.equal(await main([...argv, "--run-dir", join(dir, "r")], t.io), 104, argv.join(" "));
      assert.match(t.buf.err, re);
    }
    assert.deepEqual(await readdir(dir), [], "nothing was made");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a script that fails in init leaves a folder marked failed, with the error and exit 107", async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-broken-"));
  try {
    await writeFile(join(dir, "broken.js"), 'throw new Error("broken on purpose");\nexport default function () {}\n');
    const t = io(dir, { PATH: pathWithoutK6() });
    assert.equal(await main(["run", "broken.js", "--run-dir", "r", "--workers", "0"], t.io), 107);
    const rec = JSON.parse(await readFile(join(dir, "r", "run.json"), "utf8")) as RunRecord;
    assert.deepEqual([rec.scenario, rec.status, rec.exitCode, rec.files], ["broken", "failed", 107, ["run.json"]]);
    assert.match(rec.error ?? "", /script error in init: .*broken on purpose/);
    assert.deepEqual([rec.generator.trusted, rec.generator.unavailable], [false, "the run ended before its scenarios started"]);
    assert.match(t.buf.out, /status failed, exit code 107/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
