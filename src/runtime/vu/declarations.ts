// Metric declarations used when no metrics engine is plugged in: k6's name rule and
// re-declaration rule (k6 docs, javascript-api/k6-metrics; names match
// ^[a-zA-Z_][a-zA-Z0-9_]{1,128}$, a second declaration must agree on type and value type).
import type { MetricDeclarations, MetricType, ValueType } from "../contracts.ts";

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;

const BUILTIN: ReadonlyArray<[string, MetricType, ValueType]> = [
  ["vus", "gauge", "default"], ["vus_max", "gauge", "default"],
  ["iterations", "counter", "default"], ["iteration_duration", "trend", "time"],
  ["dropped_iterations", "counter", "default"],
  ["data_sent", "counter", "data"], ["data_received", "counter", "data"],
  ["checks", "rate", "default"], ["group_duration", "trend", "time"],
  ["http_reqs", "counter", "default"], ["http_req_failed", "rate", "default"],
  ["http_req_duration", "trend", "time"], ["http_req_blocked", "trend", "time"],
  ["http_req_connecting", "trend", "time"], ["http_req_tls_handshaking", "trend", "time"],
  ["http_req_sending", "trend", "time"], ["http_req_waiting", "trend", "time"],
  ["http_req_receiving", "trend", "time"],
  ["ws_sessions", "counter", "default"], ["ws_msgs_sent", "counter", "default"],
  ["ws_msgs_received", "counter", "default"], ["ws_connecting", "trend", "time"],
  ["ws_session_duration", "trend", "time"], ["ws_ping", "trend", "time"],
];

export class LocalDeclarations implements MetricDeclarations {
  readonly #known = new Map<string, { type: MetricType; contains: ValueType }>();

  constructor() {
    for (const [name, type, contains] of BUILTIN) this.#known.set(name, { type, contains });
  }

  declare(name: string, type: MetricType, contains: ValueType): void {
    if (!NAME.test(name)) {
      throw new Error(`Invalid metric name: '${name}' (a metric name must be 2 to 129 characters: letters, digits and underscores, not starting with a digit)`);
    }
    const known = this.#known.get(name);
    if (!known) {
      this.#known.set(name, { type, contains });
      return;
    }
    if (known.type !== type || known.contains !== contains) {
      throw new Error(`metric '${name}' already exists but with type ${known.type} and value type ${known.contains}, instead of ${type} and ${contains}`);
    }
  }
}

let processDeclarations: LocalDeclarations | undefined;

/** One declaration table per process, shared by its VUs. */
export function localDeclarations(): LocalDeclarations {
  processDeclarations ??= new LocalDeclarations();
  return processDeclarations;
}
