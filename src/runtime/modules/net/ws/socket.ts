// One k6/websockets connection (k6 docs, javascript-api/k6-websockets/websocket): state machine,
// event forwarding through the VU's event loop, and the ws_* metrics (k6 docs,
// using-k6/metrics/reference#websockets).
import type { Socket } from "node:net";
import WebSocket from "ws";
import type { Tags, VuHost } from "../../../vu-host.ts";
import { onInterrupt } from "../interrupt.ts";
import { nowMs, realmArrayBuffer, type EventFactory } from "../realm.ts";
import { systemTagOn } from "../tags.ts";
import { adoptBlob, type BlobClass } from "./blob.ts";
import { closeErrorText, dialErrorText, isCleanClose } from "./close-text.ts";
import { dialOptions } from "./dial.ts";
import { Fifo } from "./fifo.ts";
import { Listeners, type EventType } from "./listeners.ts";
import type { WsParams } from "./params.ts";
import { baseTags } from "./socket-tags.ts";

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;

/** What every socket of one VU shares. */
export interface SocketContext {
  host: VuHost;
  makeEvent: EventFactory;
  Blob: BlobClass;
  userAgent: string;
}

const SEND_TEXT = { binary: false };
const SEND_BINARY = { binary: true };
// kinds of queued socket events
const EV_OPEN = 0;
const EV_MESSAGE = 1;
const EV_PING = 2;
const EV_PONG = 3;
const EV_FINAL = 4;

export class SocketState {
  readonly target: object;
  readonly url: string;
  readonly listeners = new Listeners();
  readyState = CONNECTING;
  binaryType: "blob" | "arraybuffer" = "blob";
  bufferedAmount = 0;
  protocol = "";
  extensions: string[];

  readonly #ctx: SocketContext;
  readonly #ws: WebSocket;
  readonly #signal: AbortSignal;
  readonly #dialStart: number;
  readonly #port: number;
  readonly #hostname: string;
  #tags: Tags;
  #release: (() => void) | undefined;
  #unwatch: () => void = () => undefined;
  #opened = false;
  #detached = false;
  #closeFired = false;
  #pendingClose: { code: number; reason: string } | undefined;
  #errorText: string | undefined;
  #handshakeStatus: string | undefined;
  #socket: Socket | undefined;
  #pingSeq = 0;
  readonly #pings = new Map<string, number>();
  // byte lengths of frames handed to ws, in write order (ws calls write callbacks in order)
  readonly #writes = new Fifo<number>();
  readonly #onWritten = (err?: Error | null): void => this.#written(err);
  readonly #onAbort = (): void => this.#interrupt();
  // socket events as flat (kind, a, b) triples, in arrival order
  readonly #events = new Fifo<unknown>();
  readonly #turn = (): void => {
    if (!this.#detached) this.#ctx.host.dispatch(this.#deliverNext);
  };
  readonly #deliverNext = (): void => this.#deliver();

  constructor(ctx: SocketContext, target: object, url: URL, protocols: string[], params: WsParams) {
    const { host } = ctx;
    this.#ctx = ctx;
    this.target = target;
    this.url = url.href;
    this.extensions = new host.realm.Array<string>();
    this.#hostname = url.hostname.replace(/^\[|\]$/g, "");
    this.#port = url.port !== "" ? Number(url.port) : url.protocol === "wss:" ? 443 : 80;
    this.#tags = baseTags(host, this.url, params.tags);
    this.#signal = host.iterationSignal;
    this.#dialStart = Date.now();
    this.#ws = new WebSocket(url, protocols, dialOptions(ctx, url, this.#hostname, this.#port, params, (s) => (this.#socket = s)));
    this.#ws.binaryType = "nodebuffer";
    this.#release = host.keepAlive();
    this.#unwatch = onInterrupt(this.#signal, this.#onAbort);
    this.#ws.on("open", () => this.#onOpen());
    this.#ws.on("message", (data: Buffer, isBinary: boolean) => this.#enqueue(EV_MESSAGE, data, isBinary));
    this.#ws.on("ping", () => this.#enqueue(EV_PING, undefined, undefined));
    this.#ws.on("pong", (data: Buffer) => this.#onPong(data));
    this.#ws.on("error", (err: Error) => this.#onError(err));
    this.#ws.on("close", (code: number, reason: Buffer) => this.#onClose(code, reason.toString("utf8")));
    if (this.#signal.aborted) this.#interrupt();
  }

  /** Throws nothing; the caller checked readyState === OPEN. */
  send(payload: string | Uint8Array, length: number): void {
    this.bufferedAmount += length;
    this.#writes.push(length);
    this.#ws.send(payload, typeof payload === "string" ? SEND_TEXT : SEND_BINARY, this.#onWritten);
  }

  ping(): void {
    // k6: ping ids count from 0; the write of any frame lowers bufferedAmount by its size, also
    // for ping and close frames that never raised it (k6 websockets writePump)
    const payload = String(this.#pingSeq++);
    this.#pings.set(payload, nowMs());
    this.#writes.push(payload.length);
    this.#ws.ping(payload, undefined, this.#onWritten);
  }

  /** close(code, reason) after validation; no-op when CLOSING or CLOSED (k6 websocket-close). */
  close(code: number, reason: string): void {
    if (this.readyState === CLOSING || this.readyState === CLOSED) return;
    const wasConnecting = this.readyState === CONNECTING;
    this.readyState = CLOSING;
    if (wasConnecting && !this.#opened) this.#pendingClose = { code, reason };
    else this.#sendClose(code, reason);
  }

  #sendClose(code: number, reason: string): void {
    this.#ws.close(code, reason);
    this.bufferedAmount -= 2 + Buffer.byteLength(reason);
    this.#emit("ws_msgs_sent", 1);
  }

  #written(err?: Error | null): void {
    const length = this.#writes.shift() ?? 0;
    this.bufferedAmount -= length;
    if (!err) this.#emit("ws_msgs_sent", 1);
  }

  #onOpen(): void {
    this.#opened = true;
    this.protocol = this.#ws.protocol;
    const ext = this.#ws.extensions;
    if (ext !== "") this.extensions.push(ext);
    const { host } = this.#ctx;
    const tags: Tags = { ...this.#tags };
    if (systemTagOn(host.options.systemTags, "status")) tags.status = "101";
    if (systemTagOn(host.options.systemTags, "subproto")) tags.subproto = this.protocol;
    const ip = this.#socket?.remoteAddress;
    if (ip !== undefined && systemTagOn(host.options.systemTags, "ip")) tags.ip = ip;
    this.#tags = tags;
    this.#emitDial();
    if (this.#pendingClose !== undefined) {
      const { code, reason } = this.#pendingClose;
      this.#pendingClose = undefined;
      this.#sendClose(code, reason);
      return;
    }
    this.#enqueue(EV_OPEN, undefined, undefined);
  }

  /**
   * Queues a socket event. Each event is delivered from its own macrotask (one setImmediate per
   * event, all queued in arrival order), so promise jobs started by one handler run before the next
   * event, as in k6 where the event loop drains the job queue after every callback.
   */
  #enqueue(kind: number, a: unknown, b: unknown): void {
    if (this.#detached || this.#closeFired) return;
    this.#events.push(kind);
    this.#events.push(a);
    this.#events.push(b);
    setImmediate(this.#turn);
  }

  #deliver(): void {
    const kind = this.#events.shift() as number;
    const a = this.#events.shift();
    const b = this.#events.shift();
    switch (kind) {
      case EV_OPEN:
        // close() called after the handshake finished but before `open` was delivered: no open event
        if (this.readyState !== CONNECTING) return;
        this.readyState = OPEN;
        this.#fire("open", this.#event("open"));
        return;
      case EV_MESSAGE:
        this.#onMessage(a as Buffer, b as boolean);
        return;
      case EV_PING:
        if (this.readyState !== CLOSED && !this.#closeFired) this.#fire("ping", this.#event("ping"));
        return;
      case EV_PONG:
        if (this.readyState !== CLOSED && !this.#closeFired) this.#fire("pong", this.#event("pong"));
        return;
      case EV_FINAL:
        try {
          if (this.#closeFired) return;
          this.readyState = CLOSED;
          this.#closeFired = true;
          (a as () => void)();
        } finally {
          this.#releaseOnce();
        }
        return;
      default:
        return;
    }
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    if (this.#closeFired) return;
    // k6: frames that arrive once close() was called are dropped (no event, no sample)
    if (this.readyState !== OPEN) return;
    this.#emit("ws_msgs_received", 1);
    const ev = this.#event("message");
    const { realm } = this.#ctx.host;
    if (!isBinary) ev.data = data.toString("utf8");
    else if (this.binaryType === "arraybuffer") ev.data = realmArrayBuffer(realm, data);
    else ev.data = adoptBlob(this.#ctx.Blob, new Uint8Array(data));
    ev.origin = this.url;
    this.#fire("message", ev);
  }

  #onPong(data: Buffer): void {
    const key = data.toString("latin1");
    const sent = this.#pings.get(key);
    if (sent === undefined) {
      this.#ctx.host.log("warn", `WebSocket ${this.url}: pong for an unknown ping id "${key}"`);
      return;
    }
    this.#pings.delete(key);
    this.#emit("ws_ping", nowMs() - sent);
    this.#enqueue(EV_PONG, undefined, undefined);
  }

  #onError(err: Error & { code?: string }): void {
    if (this.#errorText !== undefined) return;
    if (!this.#opened) {
      const status = /^Unexpected server response: (\d+)/.exec(err.message);
      if (status) this.#handshakeStatus = status[1];
      this.#errorText = dialErrorText(err, this.#hostname, this.#port);
    } else {
      this.#errorText = err.message;
    }
  }

  #onClose(code: number, reason: string): void {
    this.#unwatch();
    this.#countBytes();
    if (!this.#opened) {
      if (this.#handshakeStatus !== undefined && systemTagOn(this.#ctx.host.options.systemTags, "status")) {
        this.#tags = { ...this.#tags, status: this.#handshakeStatus };
      }
      this.#emitDial();
      const text = this.#errorText ?? "websocket: bad handshake";
      this.#finish(() => {
        const err = this.#event("error");
        err.error = text;
        this.#fire("error", err);
        this.#fire("close", this.#closeEvent(0, ""));
      });
      return;
    }
    this.#ctx.host.emit({ metric: "ws_session_duration", value: Date.now() - this.#dialStart, tags: this.#tags });
    const errorText = !isCleanClose(code) ? (this.#errorText ?? closeErrorText(code, reason)) : undefined;
    this.#finish(() => {
      if (errorText !== undefined) {
        const err = this.#event("error");
        err.error = errorText;
        this.#fire("error", err);
      }
      this.#fire("close", this.#closeEvent(code, reason));
    });
  }

  /** Delivers the final events (unless torn down or interrupted), then releases the event loop. */
  #finish(deliver: () => void): void {
    if (this.#closeFired || this.#detached || this.#signal.aborted) {
      this.readyState = CLOSED;
      this.#releaseOnce();
      return;
    }
    this.#enqueue(EV_FINAL, deliver, undefined);
  }

  #closeEvent(code: number, reason: string): Record<string, unknown> {
    const ev = this.#event("close");
    if (code !== 0) ev.code = code;
    ev.reason = reason;
    return ev;
  }

  /** Iteration interrupted: queue close(1000) and stop forwarding events (k6 websockets `loop`). */
  #interrupt(): void {
    this.#detached = true;
    if (this.readyState === CONNECTING && !this.#opened) {
      this.readyState = CLOSING;
      this.#ws.terminate();
    } else if (this.readyState === OPEN || this.readyState === CONNECTING) {
      this.readyState = CLOSING;
      this.#sendClose(1000, "");
    }
    if (this.#ws.readyState === WebSocket.CLOSED) this.#releaseOnce();
  }

  #event(type: EventType): Record<string, unknown> {
    return this.#ctx.makeEvent(type, this.target, nowMs());
  }

  /** Runs the callbacks; a throwing callback tears the connection down (k6 `connectionClosedWithError`). */
  #fire(type: EventType, event: unknown): boolean {
    try {
      this.listeners.call(type, event);
    } catch (err) {
      this.#teardown(type, err);
      throw err;
    }
    return true;
  }

  #teardown(type: EventType, cause: unknown): void {
    if (type === "close" || type === "error") {
      this.#closeFired = true;
      this.readyState = CLOSED;
      this.#ws.terminate();
      return;
    }
    if (this.#closeFired) return;
    this.#closeFired = true;
    this.readyState = CLOSED;
    this.#ws.terminate();
    try {
      const err = this.#event("error");
      err.error = String(cause);
      this.listeners.call("error", err);
      this.listeners.call("close", this.#closeEvent(0, ""));
    } catch {
      // k6: a throwing error listener skips the close listeners; the first exception ends the iteration
    }
  }

  #emitDial(): void {
    const { host } = this.#ctx;
    host.emit({ metric: "ws_sessions", value: 1, tags: this.#tags, time: this.#dialStart });
    // k6 stamps both samples with the dial start
    host.emit({ metric: "ws_connecting", value: Date.now() - this.#dialStart, tags: this.#tags, time: this.#dialStart });
  }

  #emit(metric: string, value: number): void {
    this.#ctx.host.emit({ metric, value, tags: this.#tags });
  }

  #countBytes(): void {
    const socket = this.#socket;
    if (socket) this.#ctx.host.countBytes(socket.bytesWritten, socket.bytesRead);
  }

  #releaseOnce(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}
