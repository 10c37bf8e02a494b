import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "../io.ts";
import { command } from "./build.ts";

function io(cwd: string) {
  const buf = { out: "", err: "" };
  const value: CliIo = { stdout: (t) => void (buf.out += t), stderr: (t) => void (buf.err += t), isStdOutTTY: false, isStdErrTTY: false, env: {}, cwd };
  return { buf, io: value };
}

test("build --out DIR writes every scenario bundle and prints its size; --k6-before-1.6 imports the experimental module", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "cli-build-"));
  try {
    const t = io(dir);
    assert.equal(await command.run(["--out", "b"], t.io), 0, t.buf.err);
    const files = await readdir(join(dir, "b"));
    for (const name of ["capacity", "failover", "fanout", "login-storm", "smoke", "soak"]) {
      assert.ok(files.includes(`${name}.js`) && files.includes(`${name}.js.map`), name);
      assert.match(t.buf.out, new RegExp(`build: b/${name}\\.js  \\d+ B  \\(\\d+ B minified`));
    }
    assert.ok(!files.some((f) => f.startsWith(".")), "no temporary build folder left");
    const meta = JSON.parse(await readFile(join(dir, "b", "meta.json"), "utf8")) as { outputs: Record<string, unknown> };
    assert.ok(Object.keys(meta.outputs).every((k) => !k.includes(".build-")), "meta.json names the final files");
    const legacy = io(dir);
    assert.equal(await command.run(["--out=old", "--k6-before-1.6"], legacy.io), 0, legacy.buf.err);
    assert.match(await readFile(join(dir, "old", "smoke.js"), "utf8"), /from "k6\/experimental\/websockets"/);
    // SCRAM's key derivation (RFC 5802 §3, HMAC(SaltedPassword, "Client Key")) is in a --with-scram bundle only
    assert.doesNotMatch(await readFile(join(dir, "b", "smoke.js"), "utf8"), /"Client Key"/);
    const scram = io(dir);
    assert.equal(await command.run(["--out", "scram", "--with-scram"], scram.io), 0, scram.buf.err);
    assert.match(await readFile(join(dir, "scram", "smoke.js"), "utf8"), /"Client Key"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("build errors name the flag or folder; exit 2 for flags, 1 for a failed build", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cli-build-bad-"));
  try {
    const flag = io(dir);
    assert.equal(await command.run(["--out"], flag.io), 2);
    assert.match(flag.buf.err, /flag needs an argument: --out/);
    const extra = io(dir);
    assert.equal(await command.run(["fanout"], extra.io), 2);
    assert.match(extra.buf.err, /build takes no arguments, got: fanout/);
    await writeFile(join(dir, "file"), "x");
    const blocked = io(dir);
    assert.equal(await command.run(["--out", "file"], blocked.io), 1);
    assert.match(blocked.buf.err, /^finesse-load build: --out file: /);
    const help = io(dir);
    assert.equal(await command.run(["--help"], help.io), 0);
    assert.match(help.buf.out, /--k6-before-1\.6/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
