// Throughput of MetricsEngine.add, the runtime's hottest path. Run:
//   node --import tsx src/runtime/metrics/bench.ts
// Prints samples/s for Trend samples without submetrics, with three submetrics on a reused
// tags object (the cached case: VUs reuse their tags between samples), and with a fresh tags
// object per sample (every lookup misses the cache).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sample, Tags } from "../contracts.ts";
import { MetricsEngine } from "./engine.ts";
import { jsonDescriber } from "./json-describe.ts";
import { JsonOutput } from "./json-output.ts";

const N = 2_000_000;

function engine(submetrics: boolean): MetricsEngine {
  const e = new MetricsEngine();
  if (submetrics) {
    e.addSubmetric({ name: "http_req_duration{status:200}", parent: "http_req_duration", suffix: "status:200", tags: [["status", "200"]] });
    e.addSubmetric({ name: "http_req_duration{scenario:login}", parent: "http_req_duration", suffix: "scenario:login", tags: [["scenario", "login"]] });
    e.addSubmetric({ name: "http_req_duration{expected_response:true}", parent: "http_req_duration", suffix: "expected_response:true", tags: [["expected_response", "true"]] });
  }
  return e;
}

function run(label: string, e: MetricsEngine, tagsFor: (i: number) => Tags): void {
  const values = new Float64Array(4096).map(() => Math.random() * 500);
  const sample: Sample = { metric: "http_req_duration", time: Date.now(), value: 0, tags: tagsFor(0) };
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    // one Sample object per add, as VuHost.emit produces
    e.add({ metric: sample.metric, time: sample.time, value: values[i & 4095]!, tags: tagsFor(i) });
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`${label.padEnd(52)} ${Math.round(N / seconds).toLocaleString("en-US").padStart(12)} samples/s\n`);
}

const shared: Tags = { status: "200", scenario: "login", expected_response: "true", method: "GET", url: "http://127.0.0.1/x" };
for (let round = 0; round < 2; round++) {
  process.stdout.write(round === 0 ? "warm-up\n" : "measured\n");
  run("Trend add, no submetrics", engine(false), () => shared);
  run("Trend add, 3 submetrics, reused tags object", engine(true), () => shared);
  run("Trend add, 3 submetrics, fresh tags object", engine(true), () => ({ ...shared }));
}

// Bounded memory: the Trend's state after N samples spread over 1 µs … 100 s.
{
  const e = engine(false);
  for (let i = 0; i < N; i++) e.add({ metric: "http_req_duration", time: 0, value: 10 ** (Math.random() * 8 - 3), tags: shared });
  const state = e.snapshot().metrics.find((m) => m.name === "http_req_duration")!.sink;
  const buckets = state.type === "trend" ? state.histogram.pos.length : 0;
  process.stdout.write(`Trend state after ${N.toLocaleString("en-US")} samples: ${buckets} buckets, ${JSON.stringify(state).length} bytes as JSON\n`);
}

// --out json: NDJSON lines per second, plain and gzip, into a temporary directory.
{
  const dir = mkdtempSync(join(tmpdir(), "metrics-bench-"));
  try {
    for (const name of ["out.json", "out.json.gz"]) {
      const path = join(dir, name);
      const out = new JsonOutput({ path, describe: jsonDescriber(new MetricsEngine()), flushIntervalMs: 0 });
      const n = 200_000;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) out.add({ metric: "http_req_duration", time: Date.now() + i / 7, value: i / 3, tags: shared });
      out.close();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      process.stdout.write(`${`JSON output ${name}`.padEnd(52)} ${Math.round(n / seconds).toLocaleString("en-US").padStart(12)} samples/s (${statSync(path).size} bytes)\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
