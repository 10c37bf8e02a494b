// Figures the summary does not hold, from k6's JSON output (k6 docs, results-output/real-time/json):
// one JSON object per line, {"type":"Point","metric":NAME,"data":{"time","value","tags"}} or a
// {"type":"Metric"} declaration. Collected: error counts by kind and condition, event latency
// samples by role, and the time series the HTML report charts (timeline.ts).
import { ReportInputError } from "./errors.ts";
import { TimelineCollector, type Timeline } from "./timeline.ts";

/** counters whose points are errors, with the tags that classify them (metrics catalogue) */
export const ERROR_COUNTERS = ["harness_errors", "xmpp_sessions_failed"] as const;

export interface ErrorCount {
  metric: string;
  kind: string;
  condition: string;
  count: number;
}

export interface PointDigest {
  errors: ErrorCount[];
  /** finesse_event_latency samples (ms) by role tag */
  latencyByRole: Map<string, number[]>;
  points: number;
  timeline: Timeline;
}

export class PointCollector {
  private readonly errors = new Map<string, ErrorCount>();
  private readonly latency = new Map<string, number[]>();
  private points = 0;
  private readonly timeline = new TimelineCollector();
  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  /** One NDJSON line (1-based number for messages); blank lines are skipped. */
  add(line: string, lineNo: number): void {
    if (line.trim() === "") return;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      throw new ReportInputError("ndjson", this.file, `line ${lineNo}: not JSON (${(e as Error).message})`);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      throw new ReportInputError("ndjson", this.file, `line ${lineNo}: expected a JSON object`);
    }
    const o = doc as { type?: unknown; metric?: unknown; data?: unknown };
    if (o.type === "Metric") return;
    if (o.type !== "Point") throw new ReportInputError("ndjson", this.file, `line ${lineNo}: "type" must be "Point" or "Metric", got ${JSON.stringify(o.type)}`);
    const data = o.data as { value?: unknown; tags?: unknown; time?: unknown } | undefined;
    if (typeof o.metric !== "string" || typeof data !== "object" || data === null || typeof data.value !== "number") {
      throw new ReportInputError("ndjson", this.file, `line ${lineNo}: a Point needs "metric" and "data.value"`);
    }
    const timeMs = typeof data.time === "string" ? Date.parse(data.time) : NaN;
    if (Number.isNaN(timeMs)) {
      throw new ReportInputError("ndjson", this.file, `line ${lineNo}: "data.time" must be an RFC 3339 time, got ${JSON.stringify(data.time)}`);
    }
    const tags = (typeof data.tags === "object" && data.tags !== null ? data.tags : {}) as Record<string, unknown>;
    const tag = (k: string): string => (typeof tags[k] === "string" ? (tags[k] as string) : "");
    this.points++;
    this.timeline.add(o.metric, timeMs, data.value, tag);
    if ((ERROR_COUNTERS as readonly string[]).includes(o.metric)) {
      const key = `${o.metric}\u0000${tag("kind")}\u0000${tag("condition")}`;
      const e = this.errors.get(key) ?? { metric: o.metric, kind: tag("kind"), condition: tag("condition"), count: 0 };
      e.count += data.value;
      this.errors.set(key, e);
    } else if (o.metric === "finesse_event_latency") {
      const role = tag("role") || "(none)";
      const list = this.latency.get(role) ?? [];
      list.push(data.value);
      this.latency.set(role, list);
    }
  }

  digest(): PointDigest {
    const errors = [...this.errors.values()].filter((e) => e.count > 0)
      .sort((a, b) => b.count - a.count || a.metric.localeCompare(b.metric) || a.kind.localeCompare(b.kind));
    const latencyByRole = new Map([...this.latency].sort(([a], [b]) => a.localeCompare(b)));
    return { errors, latencyByRole, points: this.points, timeline: this.timeline.result() };
  }
}

/** Digest of NDJSON text (tests and small files; the fs edge streams lines into a PointCollector). */
export function digestNdjson(text: string, file: string): PointDigest {
  const c = new PointCollector(file);
  text.split("\n").forEach((line, i) => c.add(line, i + 1));
  return c.digest();
}

/** k6's percentile: linear interpolation between the closest ranks of the sorted samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
