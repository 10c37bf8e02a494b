// Metric registry: k6's built-in metrics and custom declarations (k6 docs, using-k6/metrics/reference;
// javascript-api/k6-metrics: names match ^[a-zA-Z_][a-zA-Z0-9_]{1,128}$, and re-declaring a name
// returns the existing metric only when type and value type are the same).
import type { MetricDeclarations, MetricType, ValueType } from "../contracts.ts";
import { MetricError } from "./errors.ts";

export interface MetricInfo {
  readonly name: string;
  readonly type: MetricType;
  readonly contains: ValueType;
}

const NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;

function builtin(name: string, type: MetricType, contains: ValueType = "default"): MetricInfo {
  return { name, type, contains };
}

/** k6's built-in metrics (k6 docs, using-k6/metrics/reference). */
export const BUILTIN_METRICS: readonly MetricInfo[] = [
  builtin("vus", "gauge"),
  builtin("vus_max", "gauge"),
  builtin("iterations", "counter"),
  builtin("iteration_duration", "trend", "time"),
  builtin("dropped_iterations", "counter"),
  builtin("data_sent", "counter", "data"),
  builtin("data_received", "counter", "data"),
  builtin("checks", "rate"),
  builtin("group_duration", "trend", "time"),
  builtin("http_reqs", "counter"),
  builtin("http_req_duration", "trend", "time"),
  builtin("http_req_blocked", "trend", "time"),
  builtin("http_req_connecting", "trend", "time"),
  builtin("http_req_tls_handshaking", "trend", "time"),
  builtin("http_req_sending", "trend", "time"),
  builtin("http_req_waiting", "trend", "time"),
  builtin("http_req_receiving", "trend", "time"),
  builtin("http_req_failed", "rate"),
  builtin("ws_sessions", "counter"),
  builtin("ws_connecting", "trend", "time"),
  builtin("ws_session_duration", "trend", "time"),
  builtin("ws_msgs_sent", "counter"),
  builtin("ws_msgs_received", "counter"),
  builtin("ws_ping", "trend", "time"),
];

export const BUILTIN_NAMES: ReadonlySet<string> = new Set(BUILTIN_METRICS.map((m) => m.name));

export class MetricRegistry implements MetricDeclarations {
  private readonly metrics = new Map<string, MetricInfo>();

  constructor() {
    for (const m of BUILTIN_METRICS) this.metrics.set(m.name, m);
  }

  declare(name: string, type: MetricType, contains: ValueType): MetricInfo {
    const existing = this.metrics.get(name);
    if (existing) {
      if (existing.type !== type || existing.contains !== contains) {
        throw new MetricError("redeclared", name,
          `metric "${name}" already exists as a ${existing.type} (${existing.contains}); ` +
          `it cannot be redeclared as a ${type} (${contains})`);
      }
      return existing;
    }
    if (!NAME_RE.test(name)) {
      throw new MetricError("invalid-name", name,
        `invalid metric name "${name}": it must start with a letter or underscore, contain only letters, ` +
        `digits and underscores, and be 2 to 129 characters long (^[a-zA-Z_][a-zA-Z0-9_]{1,128}$)`);
    }
    const info: MetricInfo = { name, type, contains };
    this.metrics.set(name, info);
    return info;
  }

  get(name: string): MetricInfo | undefined {
    return this.metrics.get(name);
  }

  all(): MetricInfo[] {
    return [...this.metrics.values()];
  }

  toJSON(): MetricInfo[] {
    return this.all().filter((m) => !BUILTIN_NAMES.has(m.name));
  }
}
