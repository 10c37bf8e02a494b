// `--out prometheus=HOST:PORT`: serves the run's metrics at http://HOST:PORT/metrics in the
// Prometheus text format (Prometheus docs, "Exposition formats"), named as k6's
// experimental-prometheus-rw output names them (prometheus-names.ts), so one dashboard reads both
// an embedded run (scraped) and a k6 run (remote-written).
// Like k6's output, every series aggregates from the start of the run: counters and rates are
// totals, trend stats come from one histogram per series (the runtime's, bounded in size).
// Series are keyed by metric and tag set; past `maxSeries` new tag sets are dropped with a warning.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Sample, SampleSink, Tags } from "../contracts.ts";
import { Histogram } from "./histogram.ts";
import type { MetricInfo } from "./registry.ts";
import {
  DEFAULT_TREND_STATS, escapeHelp, formatValue, labelSet, parseTrendStats, seriesNames, trendScale, type TrendStat,
} from "./prometheus-names.ts";

export interface PrometheusOutputOptions {
  host: string;
  port: number;
  /** type and value type of a metric (the engine's registry) */
  info(metric: string): MetricInfo | undefined;
  trendStats?: readonly TrendStat[];
  /** distinct (metric, tag set) series kept at most (default 10,000) */
  maxSeries?: number;
  warn(message: string): void;
}

type Aggregate =
  | { kind: "counter" | "gauge"; value: number }
  | { kind: "rate"; trues: number; total: number }
  | { kind: "trend"; histogram: Histogram };

interface Family {
  info: MetricInfo;
  series: Map<string, Aggregate>;
}

export const DEFAULT_MAX_SERIES = 10_000;

export class PrometheusOutput implements SampleSink {
  readonly #options: PrometheusOutputOptions;
  readonly #stats: readonly TrendStat[];
  readonly #families = new Map<string, Family>();
  readonly #labels = new WeakMap<Tags, string>();
  #seriesCount = 0;
  #warnedFull = false;
  #server: Server | undefined;
  #url: string | undefined;

  constructor(options: PrometheusOutputOptions) {
    this.#options = options;
    this.#stats = options.trendStats ?? parseTrendStats(DEFAULT_TREND_STATS.join(","));
  }

  /** The scrape URL once listening. */
  get url(): string | undefined {
    return this.#url;
  }

  add(sample: Sample): void {
    let family = this.#families.get(sample.metric);
    if (!family) {
      const info = this.#options.info(sample.metric);
      if (!info) return;
      family = { info, series: new Map() };
      this.#families.set(sample.metric, family);
    }
    let key = this.#labels.get(sample.tags);
    if (key === undefined) {
      key = labelSet(sample.tags);
      this.#labels.set(sample.tags, key);
    }
    let agg = family.series.get(key);
    if (!agg) {
      if (this.#seriesCount >= (this.#options.maxSeries ?? DEFAULT_MAX_SERIES)) {
        if (!this.#warnedFull) {
          this.#warnedFull = true;
          this.#options.warn(`prometheus output: more than ${this.#seriesCount} series (metric and tag set); new tag sets are not exported`);
        }
        return;
      }
      agg = newAggregate(family.info);
      family.series.set(key, agg);
      this.#seriesCount++;
    }
    switch (agg.kind) {
      case "counter": agg.value += sample.value; break;
      case "gauge": agg.value = sample.value; break;
      case "rate": agg.total++; if (sample.value !== 0) agg.trues++; break;
      case "trend": agg.histogram.add(sample.value); break;
    }
  }

  /** The exposition text of everything recorded so far. */
  render(): string {
    const lines: string[] = [];
    const names = [...this.#families.keys()].sort();
    for (const metric of names) {
      const { info, series } = this.#families.get(metric)!;
      const familyNames = seriesNames(metric, info.type, this.#stats);
      familyNames.forEach((name, i) => {
        const stat = info.type === "trend" ? this.#stats[i]! : undefined;
        const help = stat ? `k6 trend ${metric}, ${stat.stat}${info.contains === "time" ? " in seconds" : ""}` : `k6 ${info.type} ${metric}`;
        lines.push(`# HELP ${name} ${escapeHelp(help)}`);
        lines.push(`# TYPE ${name} ${info.type === "counter" ? "counter" : "gauge"}`);
        for (const [labels, agg] of series) lines.push(`${name}${labels} ${formatValue(valueOf(agg, stat, info))}`);
      });
    }
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
  }

  /** Starts serving GET /metrics; rejects with the listen error (address in use, unknown host). */
  async listen(): Promise<string> {
    const server = createServer((req, res) => this.#handle(req, res));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#options.port, this.#options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const a = server.address() as AddressInfo;
    const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
    this.#url = `http://${host}:${a.port}/metrics`;
    return this.#url;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found: scrape /metrics\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("method not allowed\n");
      return;
    }
    const body = this.render();
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /** Stops the server and drops open scrape connections. */
  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function newAggregate(info: MetricInfo): Aggregate {
  switch (info.type) {
    case "counter": return { kind: "counter", value: 0 };
    case "gauge": return { kind: "gauge", value: 0 };
    case "rate": return { kind: "rate", trues: 0, total: 0 };
    case "trend": return { kind: "trend", histogram: new Histogram() };
  }
}

function valueOf(agg: Aggregate, stat: TrendStat | undefined, info: MetricInfo): number {
  switch (agg.kind) {
    case "counter":
    case "gauge": return agg.value;
    case "rate": return agg.total === 0 ? 0 : agg.trues / agg.total;
    case "trend": {
      const h = agg.histogram;
      // k6 scales every stat of a time trend, count included (k6 internal/output/prometheusrw/remotewrite/trend.go adaptUnit)
      const scale = trendScale(info.contains);
      switch (stat!.method) {
        case "count": return h.count * scale;
        case "sum": return h.sum * scale;
        case "min": return (h.count === 0 ? 0 : h.min) * scale;
        case "max": return (h.count === 0 ? 0 : h.max) * scale;
        case "avg": return h.avg * scale;
        case "med": return h.percentile(0.5) * scale;
        case "p": return h.percentile(stat!.q) * scale;
      }
    }
  }
}
