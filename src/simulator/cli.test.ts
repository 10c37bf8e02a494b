import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { populationFromCsv } from "./population.ts";

const CLI = join(import.meta.dirname, "cli.ts");

function run(args: string[], signal?: NodeJS.Signals): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let signalled = false;
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stdout.on("data", (d) => {
      out += d.toString();
      if (signal && !signalled && out.includes("try ")) {
        signalled = true;
        setTimeout(() => child.kill(signal), 300);
      }
    });
    child.stderr.on("data", (d) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, out, err });
    });
  });
}

test("the CLI prints URLs and example logins, writes the CSV, and stops cleanly on SIGINT", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sim-cli-"));
  try {
    const csv = join(dir, "users.csv");
    const r = await run(["--port", "0", "--agents", "3", "--supervisors", "1", "--write-csv", csv], "SIGINT");
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /REST {7}http:\/\/127\.0\.0\.1:\d+\/finesse\/api/);
    assert.match(r.out, /WebSocket {2}ws:\/\/127\.0\.0\.1:\d+\/ws\//);
    const pop = populationFromCsv(readFileSync(csv, "utf8"), csv);
    const agent = pop.users.find((u) => u.role === "agent")!;
    assert.ok(r.out.includes(`agent      id ${agent.id}  password ${agent.password}`));
    assert.match(r.out, /supervisor id 1001003 /);
    assert.match(r.out, /SIGINT: stopping/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad arguments exit with status 2 and a message naming the argument", async () => {
  const r = await run(["--agents", "-3"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--agents must be a non-negative integer, got "-3"/);
});
