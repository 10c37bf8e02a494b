// Deterministic fakes of the ports, for tests of this layer. Not exported from index.ts: test support only
// (the base64 decoder relies on TextDecoder).
import type { Base64, Clock, Connect, Transport, TransportHandlers } from "./ports.ts";

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/** A manual clock: time moves only through `advance`. */
export class FakeClock implements Clock {
  #now = 0;
  #seq = 0;
  #timers = new Map<number, Timer>();

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#seq;
    this.#timers.set(id, { id, at: this.#now + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Number of armed timers. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order (bounded to 100,000 firings). */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (let fired = 0; fired < 100_000; fired++) {
      let next: Timer | undefined;
      for (const t of this.#timers.values()) if (t.at <= end && (!next || t.at < next.at || (t.at === next.at && t.id < next.id))) next = t;
      if (!next) break;
      this.#timers.delete(next.id);
      this.#now = next.at;
      next.fn();
    }
    this.#now = end;
  }
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** A strict base64 (RFC 4648 §4) over UTF-8, in plain TypeScript. */
export const base64: Base64 = {
  encode(text) {
    const b = utf8Bytes(text);
    let s = "";
    for (let i = 0; i < b.length; i += 3) {
      const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
      s += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < b.length ? B64[(n >> 6) & 63]! : "=") + (i + 2 < b.length ? B64[n & 63]! : "=");
    }
    return s;
  },
  decode(b64) {
    if (b64.length % 4 !== 0) throw new Error("base64 length is not a multiple of 4");
    const pad = b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0;
    const bytes: number[] = [];
    for (let i = 0; i < b64.length; i += 4) {
      let n = 0;
      for (let j = 0; j < 4; j++) {
        const ch = b64[i + j]!;
        const v = ch === "=" && i + 4 === b64.length && j >= 4 - pad ? 0 : B64.indexOf(ch);
        if (v < 0) throw new Error(`invalid base64 character ${JSON.stringify(ch)}`);
        n = (n << 6) | v;
      }
      bytes.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
    }
    bytes.length -= pad;
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  },
};

/** A scripted transport: records what the client sends and lets the test play the server. */
export class FakeTransport implements Transport {
  protocol = "";
  readonly url: string;
  readonly protocols: readonly string[];
  readonly sent: string[] = [];
  closed: { code: number | undefined; reason: string | undefined } | undefined;
  #handlers: TransportHandlers;
  #state: "connecting" | "open" | "closing" | "closed" = "connecting";

  constructor(url: string, protocols: readonly string[], handlers: TransportHandlers) {
    this.url = url;
    this.protocols = protocols;
    this.#handlers = handlers;
  }

  get state(): string {
    return this.#state;
  }

  send(text: string): void {
    if (this.#state !== "open") throw new Error(`send while ${this.#state}`);
    this.sent.push(text);
  }

  close(code?: number, reason?: string): void {
    if (this.#state === "closing" || this.#state === "closed") return;
    this.closed = { code, reason };
    this.#state = "closing";
  }

  /** Server side: completes the upgrade. */
  open(protocol = "xmpp"): void {
    if (this.#state !== "connecting") return;
    this.protocol = protocol;
    this.#state = "open";
    this.#handlers.onOpen();
  }

  /** Server side: delivers one text message (dropped after close, as k6 does). */
  receive(text: string): void {
    if (this.#state !== "open") return;
    this.#handlers.onMessage(text);
  }

  /** Ends the connection: optional error first, then close (k6 ordering). */
  end(code?: number, reason = "", error?: string): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    if (error !== undefined) this.#handlers.onError(error);
    this.#handlers.onClose(code, reason);
  }

  /** Takes and clears the frames sent so far. */
  take(): string[] {
    return this.sent.splice(0, this.sent.length);
  }
}

/** A `Connect` that records each transport it creates. */
export function fakeConnect(): { connect: Connect; transports: FakeTransport[] } {
  const transports: FakeTransport[] = [];
  const connect: Connect = (url, protocols, handlers) => {
    const t = new FakeTransport(url, protocols, handlers);
    transports.push(t);
    return t;
  };
  return { connect, transports };
}
