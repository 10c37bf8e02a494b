import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { MetricsEngine } from "./engine.ts";
import { jsonDescriber } from "./json-describe.ts";
import { JsonOutput } from "./json-output.ts";
import { formatRfc3339Nano } from "./rfc3339.ts";
import { compileThresholds } from "./threshold-config.ts";
import { ThresholdEvaluator } from "./thresholds.ts";

const RFC3339_NANO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "k6-json-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function output(path: string) {
  const engine = new MetricsEngine();
  engine.declare("my_rate", "rate", "default");
  const compiled = compileThresholds({
    http_req_duration: ["p(95)<200", { threshold: "avg<100", abortOnFail: true, delayAbortEval: "90s" }],
    "http_req_duration{status:200}": ["max<1"],
    my_rate: [{ threshold: "rate>0", abortOnFail: true }],
  }, (n) => engine.info(n));
  ThresholdEvaluator.install(engine, compiled);
  return new JsonOutput({ path, describe: jsonDescriber(engine, compiled), flushIntervalMs: 0 });
}

const T = Date.UTC(2026, 0, 2, 3, 4, 5, 123) + 0.456789;

function writeSome(out: JsonOutput): void {
  out.add({ metric: "http_req_duration", time: T, value: 12.5, tags: { status: "200", method: "GET" } });
  out.add({ metric: "my_rate", time: T, value: 1, tags: {}, metadata: { vu: "3" } });
  out.add({ metric: "http_req_duration", time: T + 1, value: 13, tags: { status: "500" } });
}

test("NDJSON: a Metric line the first time a metric is seen, then Point lines", () => {
  withDir((dir) => {
    const file = join(dir, "out.json");
    const out = output(file);
    writeSome(out);
    out.close();
    const lines = readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.type, l.metric]), [
      ["Metric", "http_req_duration"], ["Point", "http_req_duration"], ["Metric", "my_rate"], ["Point", "my_rate"], ["Point", "http_req_duration"]]);
    assert.deepEqual(Object.keys(lines[0]), ["type", "data", "metric"]);
    assert.deepEqual(lines[0].data, {
      name: "http_req_duration", type: "trend", contains: "time",
      thresholds: ["p(95)<200", { threshold: "avg<100", abortOnFail: true, delayAbortEval: "1m30s" }],
      submetrics: [
        { name: "http_req_duration{status:200}", suffix: "status:200", tags: { status: "200" } },
        { name: "http_req_duration{expected_response:true}", suffix: "expected_response:true", tags: { expected_response: "true" } },
      ],
    });
    assert.deepEqual(lines[2].data, { name: "my_rate", type: "rate", contains: "default",
      thresholds: [{ threshold: "rate>0", abortOnFail: true, delayAbortEval: null }], submetrics: null });
    assert.deepEqual(Object.keys(lines[1]), ["metric", "type", "data"]);
    assert.deepEqual(Object.keys(lines[1].data), ["time", "value", "tags"]);
    assert.equal(lines[1].data.value, 12.5);
    assert.deepEqual(lines[1].data.tags, { status: "200", method: "GET" });
    assert.match(lines[1].data.time, RFC3339_NANO);
    assert.equal(Date.parse(lines[1].data.time), Math.floor(T));
    assert.deepEqual(lines[3].data.metadata, { vu: "3" });
  });
});

test("gzip when the name ends in .gz: the file decompresses to the same lines", () => {
  withDir((dir) => {
    const plain = join(dir, "a.json");
    const gz = join(dir, "a.json.gz");
    for (const path of [plain, gz]) {
      const out = output(path);
      writeSome(out);
      out.flush();
      out.add({ metric: "my_rate", time: T + 5, value: 0, tags: {} });
      out.close();
    }
    const raw = readFileSync(gz);
    assert.deepEqual([raw[0], raw[1]], [0x1f, 0x8b]);
    assert.equal(gunzipSync(raw).toString("utf8"), readFileSync(plain, "utf8"));
  });
});

test("each flush leaves a complete, valid file (an interrupted run keeps what was flushed)", () => {
  withDir((dir) => {
    const gz = join(dir, "b.json.gz");
    const out = output(gz);
    writeSome(out);
    out.flush();
    const lines = gunzipSync(readFileSync(gz)).toString("utf8").trimEnd().split("\n");
    assert.equal(lines.length, 5);
    lines.forEach((l) => JSON.parse(l));
    out.close();
    out.add({ metric: "my_rate", time: T, value: 1, tags: {} }); // ignored after close
    out.close();
  });
});

test("samples interleaving shared tag objects (one per socket) each carry their own tags", () => {
  withDir((dir) => {
    const file = join(dir, "t.json");
    const out = new JsonOutput({ path: file, describe: jsonDescriber(new MetricsEngine()), flushIntervalMs: 0 });
    const a = { url: "ws://a" };
    const b = { url: "ws://b", name: "b" };
    for (const tags of [a, b, a, b, { url: "ws://c" }, a]) out.add({ metric: "ws_msgs_received", time: T, value: 1, tags });
    out.close();
    const points = readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((l) => l.type === "Point");
    assert.deepEqual(points.map((p) => p.data.tags), [a, b, a, b, { url: "ws://c" }, a]);
  });
});

test("the periodic timer flushes without close()", async () => {
  const dir = mkdtempSync(join(tmpdir(), "k6-json-"));
  const file = join(dir, "c.json");
  const out = new JsonOutput({ path: file, describe: jsonDescriber(new MetricsEngine()), flushIntervalMs: 20 });
  try {
    out.add({ metric: "iterations", time: T, value: 1, tags: {} });
    let lines = 0;
    for (let i = 0; i < 100 && lines < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      lines = readFileSync(file, "utf8").split("\n").filter(Boolean).length;
    }
    assert.equal(lines, 2, "Metric and Point lines flushed by the timer");
  } finally {
    out.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("RFC3339 with nanoseconds in the local offset; trailing zeros dropped; zero offset is Z", () => {
  const saved = process.env.TZ;
  try {
    process.env.TZ = "UTC";
    // sub-ms digits are as precise as a float64 ms timestamp allows (~0.25 µs today); .53125 is exact
    assert.equal(formatRfc3339Nano(Date.UTC(2017, 4, 9, 12, 34, 45, 239) + 0.53125), "2017-05-09T12:34:45.23953125Z");
    assert.equal(formatRfc3339Nano(Date.UTC(2017, 4, 9, 12, 34, 45, 0)), "2017-05-09T12:34:45Z");
    assert.equal(formatRfc3339Nano(Date.UTC(2017, 4, 9, 12, 34, 45, 500)), "2017-05-09T12:34:45.5Z");
    process.env.TZ = "Asia/Kolkata";
    assert.equal(formatRfc3339Nano(Date.UTC(2017, 4, 9, 12, 34, 45, 239) + 0.5), "2017-05-09T18:04:45.2395+05:30");
    process.env.TZ = "America/New_York";
    assert.equal(formatRfc3339Nano(Date.UTC(2017, 0, 9, 12, 0, 0, 1)), "2017-01-09T07:00:00.001-05:00");
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
