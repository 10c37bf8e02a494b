// Per-metric aggregation, one sink per metric type (k6 docs, using-k6/metrics; k6 metrics/sink.go):
// Counter = sum and rate per second of the whole run; Gauge = last value with min and max;
// Rate = share of non-zero samples; Trend = avg, min, med, max, p(N), count (see histogram.ts).
import type { MetricType } from "../contracts.ts";
import { Histogram, type HistogramState } from "./histogram.ts";
import { decodeNumber, encodeNumber, type JsonNumber } from "./json-number.ts";

/** An aggregation a threshold or a summary asks a sink for; `p` is 0..100 for "p". */
export type Aggregation =
  | { method: "count" | "rate" | "value" | "avg" | "min" | "max" | "med" }
  | { method: "p"; p: number };

export type SinkState =
  | { type: "counter"; count: JsonNumber; samples: number }
  | { type: "gauge"; value: JsonNumber; min: JsonNumber; max: JsonNumber; time: number; samples: number }
  | { type: "rate"; trues: number; total: number }
  | { type: "trend"; histogram: HistogramState };

export interface Sink {
  readonly type: MetricType;
  readonly samples: number;
  add(value: number, time: number): void;
  /** The number a threshold compares, or undefined when the sink has no such value yet. */
  aggregate(agg: Aggregation, durationMs: number): number | undefined;
  toJSON(): SinkState;
  merge(state: SinkState): void;
}

function ratePerSecond(count: number, durationMs: number): number | undefined {
  return durationMs > 0 ? count / (durationMs / 1000) : undefined;
}

export class CounterSink implements Sink {
  readonly type = "counter";
  count = 0;
  samples = 0;
  add(value: number): void {
    this.count += value;
    this.samples++;
  }
  aggregate(agg: Aggregation, durationMs: number): number | undefined {
    if (agg.method === "count") return this.count;
    if (agg.method === "rate") return ratePerSecond(this.count, durationMs);
    return undefined;
  }
  toJSON(): SinkState {
    return { type: "counter", count: encodeNumber(this.count), samples: this.samples };
  }
  merge(state: SinkState): void {
    if (state.type !== "counter") throw mismatch(this.type, state.type);
    this.count += decodeNumber(state.count);
    this.samples += state.samples;
  }
}

export class GaugeSink implements Sink {
  readonly type = "gauge";
  value = 0;
  min = 0;
  max = 0;
  /** time of the sample that set `value` (merges keep the latest) */
  time = -Infinity;
  samples = 0;
  add(value: number, time: number): void {
    if (this.samples === 0 || value < this.min) this.min = value;
    if (this.samples === 0 || value > this.max) this.max = value;
    this.value = value;
    this.time = time;
    this.samples++;
  }
  aggregate(agg: Aggregation): number | undefined {
    return agg.method === "value" ? this.value : undefined;
  }
  toJSON(): SinkState {
    return {
      type: "gauge", value: encodeNumber(this.value), min: encodeNumber(this.min), max: encodeNumber(this.max),
      time: this.samples === 0 ? 0 : this.time, samples: this.samples,
    };
  }
  merge(state: SinkState): void {
    if (state.type !== "gauge") throw mismatch(this.type, state.type);
    if (state.samples === 0) return;
    const min = decodeNumber(state.min);
    const max = decodeNumber(state.max);
    if (this.samples === 0 || min < this.min) this.min = min;
    if (this.samples === 0 || max > this.max) this.max = max;
    if (this.samples === 0 || state.time >= this.time) {
      this.value = decodeNumber(state.value);
      this.time = state.time;
    }
    this.samples += state.samples;
  }
}

export class RateSink implements Sink {
  readonly type = "rate";
  trues = 0;
  total = 0;
  get samples(): number {
    return this.total;
  }
  add(value: number): void {
    if (value !== 0) this.trues++;
    this.total++;
  }
  /** k6 metrics/thresholds.go: no `rate` value while there are no samples (the threshold passes). */
  aggregate(agg: Aggregation): number | undefined {
    if (agg.method !== "rate" || this.total === 0) return undefined;
    return this.trues / this.total;
  }
  toJSON(): SinkState {
    return { type: "rate", trues: this.trues, total: this.total };
  }
  merge(state: SinkState): void {
    if (state.type !== "rate") throw mismatch(this.type, state.type);
    this.trues += state.trues;
    this.total += state.total;
  }
}

export class TrendSink implements Sink {
  readonly type = "trend";
  readonly histogram = new Histogram();
  get samples(): number {
    return this.histogram.count;
  }
  add(value: number): void {
    this.histogram.add(value);
  }
  /** Empty Trends report 0 for every statistic (k6 metrics/sink.go). */
  aggregate(agg: Aggregation): number | undefined {
    const h = this.histogram;
    if (h.count === 0) return agg.method === "rate" || agg.method === "value" ? undefined : 0;
    switch (agg.method) {
      case "avg": return h.avg;
      case "min": return h.min;
      case "max": return h.max;
      case "med": return h.percentile(0.5);
      case "p": return h.percentile(agg.p / 100);
      case "count": return h.count;
      default: return undefined;
    }
  }
  toJSON(): SinkState {
    return { type: "trend", histogram: this.histogram.toJSON() };
  }
  merge(state: SinkState): void {
    if (state.type !== "trend") throw mismatch(this.type, state.type);
    this.histogram.merge(state.histogram);
  }
}

function mismatch(mine: string, theirs: string): TypeError {
  return new TypeError(`cannot merge a ${theirs} sink into a ${mine} sink`);
}

export function newSink(type: MetricType): Sink {
  switch (type) {
    case "counter": return new CounterSink();
    case "gauge": return new GaugeSink();
    case "rate": return new RateSink();
    case "trend": return new TrendSink();
  }
}
