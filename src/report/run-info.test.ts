import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRunInfoFile } from "./files.ts";
import { parseRunInfo } from "./run-info.ts";

test("a full run.json is read; sample times are RFC 3339 or epoch ms", () => {
  const r = parseRunInfo({
    scenario: "capacity", engine: { name: "k6", version: "v1.4.0" }, bundleSha256: "ab", gitCommit: "cd", config: { targets: [] },
    startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-01T00:10:00Z", host: { cpus: 2 }, status: "complete", exitCode: 0,
    generator: { intervalMs: 1000, trusted: true, warnings: [],
      samples: [{ t: "2026-01-01T00:00:01Z", cpuPercent: 12.5, rssBytes: 1e8, fds: 30, fdLimit: 1024, tcpSockets: 5, portRange: 28232, eventLoopLagP99Ms: 3 },
        { t: 1767225602000, cpuPercent: null }] },
  }, "run.json");
  assert.equal(r.scenario, "capacity");
  assert.deepEqual(r.engine, { name: "k6", version: "v1.4.0" });
  assert.equal(r.generator?.samples[0]?.tMs, Date.parse("2026-01-01T00:00:01Z"));
  assert.equal(r.generator?.samples[1]?.tMs, 1767225602000);
  assert.equal(r.generator?.samples[1]?.cpuPercent, undefined, "null is not recorded");
  assert.equal(r.generator?.trusted, true);
});

test("every field may be absent", () => {
  const r = parseRunInfo({}, "run.json");
  assert.deepEqual([r.scenario, r.engine, r.status, r.generator, r.host, r.exitCode], [undefined, undefined, undefined, undefined, undefined, undefined]);
  assert.deepEqual(parseRunInfo({ generator: {} }, "run.json").generator, { intervalMs: undefined, samples: [], warnings: [], trusted: undefined, unavailable: undefined });
});

test("a field with the wrong type is an error naming its JSON path", () => {
  const bad = (doc: unknown, message: RegExp): void =>
    assert.throws(() => parseRunInfo(doc, "run.json"), (e: Error & { kind?: string }) => e.name === "ReportInputError" && e.kind === "shape" && message.test(e.message));
  bad([], /^run\.json: \(document\): expected an object, got a list$/);
  bad({ status: 3 }, /^run\.json: status: expected a string, got 3$/);
  bad({ engine: { version: 1 } }, /engine\.version: expected a string/);
  bad({ generator: { samples: {} } }, /generator\.samples: expected a list/);
  bad({ generator: { samples: [{ t: "soon" }] } }, /generator\.samples\[0\]\.t: expected an RFC 3339 time, got "soon"/);
  bad({ generator: { samples: [{ t: 1, fds: "many" }] } }, /generator\.samples\[0\]\.fds: expected a number/);
  bad({ generator: { trusted: "no" } }, /generator\.trusted: expected true or false/);
});

test("run.json that is not JSON is an error naming the file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "run-info-"));
  try {
    await writeFile(join(dir, "run.json"), "{");
    await assert.rejects(readRunInfoFile(join(dir, "run.json")), { name: "ReportInputError", kind: "json", message: /run\.json: not valid JSON/ });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
