import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ReportInputError } from "./errors.ts";
import { readMetricsFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { digestNdjson, percentile } from "./points.ts";

const point = (metric: string, value: number, tags: Record<string, string>): string =>
  JSON.stringify({ metric, type: "Point", data: { time: "2026-01-01T00:00:00Z", value, tags } });

test("errors are counted by metric, kind and condition; zero-valued points are not errors", () => {
  const d = digestNdjson([
    JSON.stringify({ type: "Metric", metric: "harness_errors", data: { name: "harness_errors", type: "counter" } }),
    point("harness_errors", 1, { kind: "timeout", condition: "bind" }),
    point("harness_errors", 1, { kind: "timeout", condition: "bind" }),
    point("xmpp_sessions_failed", 1, { kind: "auth", condition: "not-authorized" }),
    point("harness_errors", 0, { kind: "protocol", condition: "x" }),
    "",
    point("finesse_event_latency", 40, { role: "self" }),
  ].join("\n"), "m.ndjson");
  assert.deepEqual(d.errors, [
    { metric: "harness_errors", kind: "timeout", condition: "bind", count: 2 },
    { metric: "xmpp_sessions_failed", kind: "auth", condition: "not-authorized", count: 1 },
  ]);
  assert.deepEqual([...d.latencyByRole], [["self", [40]]]);
  assert.equal(d.points, 5);
});

test("a bad NDJSON line is an error naming the file and the line", () => {
  const bad = (text: string): string => {
    try {
      digestNdjson(text, "m.ndjson");
    } catch (e) {
      assert.ok(e instanceof ReportInputError && e.kind === "ndjson");
      return e.message;
    }
    return assert.fail("expected an error");
  };
  assert.match(bad(`${point("x", 1, {})}\n{oops`), /^m\.ndjson: line 2: not JSON/);
  assert.match(bad(`[1]`), /line 1: expected a JSON object/);
  assert.match(bad(`{"type":"Sample"}`), /line 1: "type" must be "Point" or "Metric", got "Sample"/);
  assert.match(bad(`{"type":"Point","metric":"x","data":{"value":"1"}}`), /line 1: a Point needs "metric" and "data.value"/);
});

test("k6's percentile interpolates between the closest ranks", () => {
  assert.equal(percentile([4, 1, 3, 2], 50), 2.5);
  assert.equal(percentile([1, 2, 3, 4, 5], 95), 4.8);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([], 95), undefined);
});

test("metrics files are read gzipped or plain; a truncated gzip is an error naming the file", async () => {
  const gz = await readMetricsFile(FIXTURES.failMetrics);
  assert.deepEqual(gz.errors, [{ metric: "harness_errors", kind: "finesse_api", condition: "Authorization Failure", count: 2 }]);
  const dir = await mkdtemp(join(tmpdir(), "report-points-"));
  try {
    const text = [point("harness_errors", 3, { kind: "closed", condition: "" })].join("\n");
    const plain = join(dir, "m.ndjson");
    await writeFile(plain, text);
    assert.equal((await readMetricsFile(plain)).errors[0]?.count, 3);
    const cut = join(dir, "cut.ndjson.gz");
    const zipped = gzipSync(Buffer.from(`${text}\n`.repeat(200)));
    await writeFile(cut, zipped.subarray(0, zipped.length - 12));
    await assert.rejects(readMetricsFile(cut), (e: unknown) => e instanceof ReportInputError && e.file === cut && /gzip/.test(e.message));
    await assert.rejects(readMetricsFile(join(dir, "none.gz")), (e: unknown) => e instanceof ReportInputError && /no such file/.test(e.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
