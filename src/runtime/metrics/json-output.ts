// `--out json=FILE` (k6 docs, results-output/real-time/json): newline-delimited JSON, a
// {"type":"Metric",…} line the first time a metric is seen, then one {"type":"Point",…} line per
// sample; gzip when FILE ends in ".gz"; "-" or "" writes to stdout. Lines are buffered and
// flushed every 200 ms (as k6 does) and on close(). Each flush is written synchronously and, for
// gzip, as a complete gzip member, so the file is valid after every flush even if the run is
// interrupted before close().
import { closeSync, openSync, writeSync } from "node:fs";
import { constants, gzipSync } from "node:zlib";
import type { MetricType, Sample, SampleSink, ValueType } from "../contracts.ts";
import { formatRfc3339Nano } from "./rfc3339.ts";

export interface JsonMetricDescription {
  type: MetricType;
  contains: ValueType;
  /** thresholds as k6 marshals them: the expression, or an object when abortOnFail is set */
  thresholds: Array<string | { threshold: string; abortOnFail: boolean; delayAbortEval: string | null }>;
  /** submetrics defined on the metric (by thresholds) */
  submetrics: Array<{ name: string; suffix: string; tags: Record<string, string> }>;
}

export interface JsonOutputOptions {
  /** file name; "-" or "" for stdout; ".gz" suffix compresses */
  path: string;
  /** type information for a metric's first line */
  describe(metric: string): JsonMetricDescription;
  /** ms between flushes; 0 disables the timer (flush on size and close only) */
  flushIntervalMs?: number;
}

const FLUSH_BYTES = 1 << 20;

export class JsonOutput implements SampleSink {
  private readonly fd: number;
  private readonly ownsFd: boolean;
  private readonly gzip: boolean;
  private readonly describe: (metric: string) => JsonMetricDescription;
  private readonly seen = new Set<string>();
  private lines: string[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** tags JSON per tags object: samples share tags objects (one per socket, per VU state) */
  private readonly tagsJson = new WeakMap<object, string>();
  private closed = false;

  constructor(options: JsonOutputOptions) {
    const toStdout = options.path === "" || options.path === "-";
    this.fd = toStdout ? 1 : openSync(options.path, "w");
    this.ownsFd = !toStdout;
    this.gzip = !toStdout && options.path.endsWith(".gz");
    this.describe = options.describe;
    const every = options.flushIntervalMs ?? 200;
    if (every > 0) {
      this.timer = setInterval(() => this.flush(), every);
      this.timer.unref();
    }
  }

  /** Like MetricsEngine.add, the tags object of a sample must not change after this call. */
  add(sample: Sample): void {
    if (this.closed) return;
    if (!this.seen.has(sample.metric)) {
      this.seen.add(sample.metric);
      const d = this.describe(sample.metric);
      // field order of k6 internal/output/json/wrapper.go metricEnvelope
      this.push(JSON.stringify({
        type: "Metric",
        data: {
          name: sample.metric, type: d.type, contains: d.contains, thresholds: d.thresholds,
          submetrics: d.submetrics.length > 0 ? d.submetrics : null,
        },
        metric: sample.metric,
      }));
    }
    // field order of k6 internal/output/json/wrapper.go sampleEnvelope; built by hand (hot path)
    let tags = this.tagsJson.get(sample.tags);
    if (tags === undefined) {
      tags = JSON.stringify(sample.tags);
      this.tagsJson.set(sample.tags, tags);
    }
    const value = Number.isFinite(sample.value) ? String(sample.value) : "null";
    const metadata = sample.metadata && Object.keys(sample.metadata).length > 0 ? `,"metadata":${JSON.stringify(sample.metadata)}` : "";
    this.push(`{"metric":${JSON.stringify(sample.metric)},"type":"Point","data":{"time":"${formatRfc3339Nano(sample.time)}",` +
      `"value":${value},"tags":${tags}${metadata}}}`);
  }

  private push(line: string): void {
    this.lines.push(line);
    this.bytes += line.length + 1;
    if (this.bytes >= FLUSH_BYTES) this.flush();
  }

  /** Writes buffered lines now. */
  flush(): void {
    if (this.lines.length === 0) return;
    const text = this.lines.join("\n") + "\n";
    this.lines = [];
    this.bytes = 0;
    // the fastest level: a third of the default level's CPU for ~20 % more bytes (NDJSON of samples)
    const chunk = this.gzip ? gzipSync(text, { level: constants.Z_BEST_SPEED }) : Buffer.from(text);
    let off = 0;
    let busy = 0;
    while (off < chunk.length) {
      try {
        off += writeSync(this.fd, chunk, off);
      } catch (e) {
        // a non-blocking stdout pipe that is full: retry a bounded number of times
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN" || ++busy > 10_000) throw e;
      }
    }
  }

  /** Flushes everything and closes the file; later samples are ignored. */
  close(): void {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.flush();
    this.closed = true;
    if (this.ownsFd) closeSync(this.fd);
  }
}
