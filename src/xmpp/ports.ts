// Ports through which the protocol layer reaches its host (k6, Node tests, the simulator).
// Transport is shaped like the browser / k6 `k6/websockets` WebSocket: error is reported before close,
// and close carries a code only when the peer sent a non-zero one.

export interface TransportHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** `code` is undefined when none was reported. Called once. */
  onClose(code: number | undefined, reason: string): void;
  onError(message: string): void;
}

export interface Transport {
  /** The negotiated subprotocol ("" until open or when none). */
  readonly protocol: string;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a WebSocket to `url` offering `protocols`, delivering its events to `handlers`. */
export type Connect = (url: string, protocols: readonly string[], handlers: TransportHandlers) => Transport;

export interface Clock {
  /** Milliseconds; fractional values allowed. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Base64 {
  /** UTF-8 string → base64. */
  encode(text: string): string;
  /** base64 → UTF-8 string; throws on invalid input. */
  decode(b64: string): string;
}

export interface IdSource {
  /** A string not returned before by this source. */
  next(): string;
}
