// Ports through which the virtual agent reaches its host (k6 glue, Node tests): the XMPP ports plus HTTP,
// a metric recorder and a random source. Everything is callback/promise based: one host event loop may
// drive many agents.
import type { MetricName } from "../metrics/index.ts";
import type { Base64, Clock, Connect, IdSource, SaslClientMechanism } from "../xmpp/index.ts";

export interface HttpRequest {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
}

export interface HttpResponse {
  /** 0 when no response arrived (network error, timeout). */
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  /** Transport failure text (connection refused, timeout, …); absent when a response arrived. */
  error?: string | undefined;
}

export interface HttpPort {
  /** Never rejects: transport failures come back as `status: 0` with `error`. */
  request(req: HttpRequest): Promise<HttpResponse>;
}

export type Tags = Readonly<Record<string, string>>;

/** Records one sample of a catalogue metric (src/metrics). */
export type Recorder = (metric: MetricName, value: number, tags: Tags) => void;

export interface AgentPorts {
  connect: Connect;
  clock: Clock;
  base64: Base64;
  ids: IdSource;
  http: HttpPort;
  record: Recorder;
  /** Uniform in [0, 1). */
  random: () => number;
  /** SASL mechanisms besides PLAIN that a target's `mechanisms` may name (e.g. SCRAM_MECHANISMS) */
  sasl?: readonly SaslClientMechanism[];
}
