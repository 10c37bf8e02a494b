import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReportInputError } from "./errors.ts";
import { readSummaryFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { parseSummary } from "./summary.ts";

const raw = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

test("a handleSummary data file is read with its metrics, submetrics, thresholds and checks", async () => {
  const s = await readSummaryFile(FIXTURES.pass);
  assert.equal(s.format, "handleSummary");
  assert.ok(s.durationMs !== undefined && s.durationMs > 0);
  const lat = s.metrics.get("finesse_event_latency{role:self}");
  assert.equal(lat?.type, "trend");
  assert.equal(lat?.contains, "time");
  assert.deepEqual(lat?.thresholds, [{ expr: "p(95)<500", ok: true }]);
  assert.equal(s.metrics.get("finesse_login_success")?.values.passes, 4);
  assert.equal(s.checks.length, 8);
  assert.deepEqual(s.checks.find((c) => c.name === "XMPP session ready"), { group: "", name: "XMPP session ready", passes: 4, fails: 0 });
});

test("the --summary-export file of the same run reads as the same metrics, thresholds and checks", async () => {
  const a = await readSummaryFile(FIXTURES.pass);
  const b = await readSummaryFile(FIXTURES.passExport);
  assert.equal(b.format, "summary-export");
  assert.deepEqual([...b.metrics.keys()].sort(), [...a.metrics.keys()].sort());
  for (const [name, m] of a.metrics) assert.deepEqual(b.metrics.get(name), m, name);
  assert.deepEqual(b.checks, a.checks);
});

function problem(doc: unknown): string {
  try {
    parseSummary(doc, "s.json");
  } catch (e) {
    assert.ok(e instanceof ReportInputError);
    assert.equal(e.kind, "shape");
    assert.equal(e.file, "s.json");
    return e.message;
  }
  assert.fail("expected a ReportInputError");
}

test("a malformed summary is an error naming the file and the JSON path", () => {
  const good = raw(FIXTURES.pass);
  const metric = (name: string, patch: Record<string, unknown>): unknown => {
    const metrics = { ...(good.metrics as Record<string, Record<string, unknown>>) };
    metrics[name] = { ...metrics[name], ...patch };
    return { ...good, metrics };
  };
  assert.match(problem([]), /^s\.json: \(document\): expected an object, got a list/);
  assert.match(problem({ ...good, metrics: undefined }), /^s\.json: metrics: expected an object, got nothing/);
  assert.match(problem({ ...good, root_group: { checks: 3 } }), /root_group\.checks: expected a list of checks/);
  assert.match(problem(metric("checks", { type: "histogram" })), /metrics\["checks"\]\.type: expected one of counter, gauge, rate, trend, got "histogram"/);
  assert.match(problem(metric("checks", { values: { rate: 1 } })), /metrics\["checks"\]\.values\.passes: missing/);
  assert.match(problem(metric("xmpp_bind", { values: { avg: "2" } })), /metrics\["xmpp_bind"\]\.values\["avg"\]: expected a number, got string "2"/);
  assert.match(problem(metric("checks", { thresholds: { "rate==1": { ok: "yes" } } })), /thresholds\["rate==1"\]\.ok: expected true or false/);
  assert.match(problem(metric("checks", { contains: "bytes" })), /\.contains: expected one of default, time, data/);
  const group = good.root_group as { checks: Array<Record<string, unknown>> };
  assert.match(problem({ ...good, root_group: { ...group, checks: [{ ...group.checks[0], fails: null }] } }),
    /root_group\.checks\[0\]\.fails: expected a number, got null/);
  assert.match(problem({ ...good, state: { testRunDurationMs: "4s" } }), /state\.testRunDurationMs: expected a number/);
});

test("unreadable files and invalid JSON are errors naming the file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "report-summary-"));
  try {
    const missing = join(dir, "missing.json");
    await assert.rejects(readSummaryFile(missing), (e: unknown) => e instanceof ReportInputError && e.kind === "read" && e.message === `${missing}: no such file`);
    const bad = join(dir, "bad.json");
    await writeFile(bad, "{ not json");
    await assert.rejects(readSummaryFile(bad), (e: unknown) => e instanceof ReportInputError && e.kind === "json" && e.message.startsWith(`${bad}: not valid JSON`));
    await assert.rejects(readSummaryFile(dir), (e: unknown) => e instanceof ReportInputError && /is a folder/.test(e.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
