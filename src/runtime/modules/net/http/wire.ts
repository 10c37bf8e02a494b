// Plain data exchanged between the k6/http front end (VU thread) and whoever performs the
// network I/O (the helper thread for synchronous calls, the VU thread for asyncRequest).

/** One HTTP exchange: no redirects, no cookies (the front end handles both). */
export interface ExchangeSpec {
  method: string;
  url: string;
  /** header name → values, as they go on the wire */
  headers: [string, string][];
  body: Uint8Array | undefined;
  timeoutMs: number;
  insecureSkipTLSVerify: boolean;
  hosts: Record<string, string> | undefined;
  /** whether to keep the body bytes (responseType none discards them) */
  keepBody: boolean;
}

/** k6 http timings, in ms (k6 docs, javascript-api/k6-http/response: timings). */
export interface Timings {
  blocked: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
  duration: number;
}

export interface ExchangeResult {
  /** 0 when no response was received */
  status: number;
  statusText: string;
  proto: string;
  /** raw response headers as pairs, in arrival order */
  headers: [string, string][];
  body: Uint8Array | undefined;
  timings: Timings;
  /** e.g. "tls1.3"; "" for plain http */
  tlsVersion: string;
  /** ms since the epoch when the request started */
  startTime: number;
  error: string;
  errorCode: number;
  bytesSent: number;
  bytesReceived: number;
  remoteIp: string;
  remotePort: number;
}

/** k6 `batch` and `batchPerHost` limits (k6 docs, using-k6/k6-options/reference#batch). */
export interface Limits {
  batch: number;
  batchPerHost: number;
}

export function emptyTimings(): Timings {
  return { blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0, duration: 0 };
}
