// k6/websockets module exports: WebSocket and Blob (k6 docs, javascript-api/k6-websockets).
// The socket handed to the script is a plain object of the VU realm: no prototype-level
// OPEN/CLOSED constants (k6 defines only the documented members).
import type { VuHost } from "../../../vu-host.ts";
import { blobBytes, blobClass } from "./blob.ts";
import { bytesOf, eventFactory, realmError, realmTypeError, type Realm } from "../realm.ts";
import { isEventType, type EventType } from "./listeners.ts";
import { parseParams, parseProtocols, parseUrl, WebSocketArgumentError } from "./params.ts";
import { userAgent } from "../user-agent.ts";
import { OPEN, SocketState, type SocketContext } from "./socket.ts";

const MAX_REASON_BYTES = 123;

/** Builds { WebSocket, Blob } for one VU. */
export function websocketExports(host: VuHost): Record<string, unknown> {
  const realm = host.realm;
  const Blob = blobClass(realm);
  const ctx: SocketContext = {
    host,
    makeEvent: eventFactory(realm),
    Blob,
    userAgent: userAgent(host),
  };
  const states = new WeakMap<object, SocketState>();
  const stateOf = (self: unknown): SocketState => {
    const s = typeof self === "object" && self !== null ? states.get(self) : undefined;
    if (s === undefined) throw realmTypeError(realm, "WebSocket method called on an object that is not a WebSocket");
    return s;
  };
  const proto = socketPrototype(realm, host, stateOf);

  function WebSocket(url?: unknown, protocols?: unknown, params?: unknown): object {
    if (host.phase === "init") throw realmError(realm, "Error", "Using websockets in the init context is not supported");
    let parsed: URL;
    let subprotocols: string[];
    let options: ReturnType<typeof parseParams>;
    try {
      parsed = parseUrl(url);
      subprotocols = parseProtocols(protocols);
      options = parseParams(params);
    } catch (err) {
      if (err instanceof WebSocketArgumentError) throw realmError(realm, "Error", err.message);
      throw err;
    }
    const target = realm.Object.create(proto) as object;
    try {
      states.set(target, new SocketState(ctx, target, parsed, subprotocols, options));
    } catch (err) {
      throw realmError(realm, "Error", `WebSocket: ${(err as Error).message}`);
    }
    return target;
  }
  return { WebSocket, Blob };
}

function socketPrototype(realm: Realm, host: VuHost, stateOf: (self: unknown) => SocketState): object {
  const proto = realm.Object.create(realm.Object.prototype) as object;
  const props: PropertyDescriptorMap = {
    url: { get() { return stateOf(this).url; }, enumerable: true },
    readyState: { get() { return stateOf(this).readyState; }, enumerable: true },
    protocol: { get() { return stateOf(this).protocol; }, enumerable: true },
    extensions: { get() { return stateOf(this).extensions; }, enumerable: true },
    bufferedAmount: { get() { return stateOf(this).bufferedAmount; }, enumerable: true },
    binaryType: {
      get() { return stateOf(this).binaryType; },
      set(value: unknown) {
        if (value !== "blob" && value !== "arraybuffer") {
          throw realmError(realm, "SyntaxError", `unknown binaryType ${String(value)}, the supported ones are "blob" and "arraybuffer"`);
        }
        stateOf(this).binaryType = value;
      },
      enumerable: true,
    },
    send: { value: function send(this: unknown, data: unknown) {
      const s = stateOf(this);
      assertOpen(realm, s);
      if (typeof data === "string") {
        s.send(data, Buffer.byteLength(data));
        return;
      }
      const blob = blobBytes(data);
      if (blob !== undefined) {
        s.send(blob, blob.byteLength);
        return;
      }
      const view = bytesOf(data);
      if (view === undefined) throw realmTypeError(realm, "unsupported send type");
      // copied, as k6 does: the script may reuse its buffer before the frame is written
      s.send(Buffer.from(view), view.byteLength);
    }, enumerable: true },
    ping: { value: function ping(this: unknown) {
      const s = stateOf(this);
      assertOpen(realm, s);
      s.ping();
    }, enumerable: true },
    close: { value: function close(this: unknown, code?: unknown, reason?: unknown) {
      const s = stateOf(this);
      // k6 websockets close(): a missing or 0 code means 1000
      const c = code === undefined || code === null || Number(code) === 0 ? 1000 : Number(code);
      // k6 docs, websocket-close: only 1000 or 3000–4999 may be sent by a script
      if (!(c === 1000 || (Number.isInteger(c) && c >= 3000 && c <= 4999))) {
        throw realmError(realm, "InvalidAccessError", `InvalidAccessError: Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${String(code)} is neither`);
      }
      const r = reason === undefined || reason === null ? "" : String(reason);
      if (Buffer.byteLength(r) > MAX_REASON_BYTES) {
        throw realmError(realm, "SyntaxError", `SyntaxError: Failed to execute 'close' on 'WebSocket': The message must not be greater than ${MAX_REASON_BYTES} bytes`);
      }
      s.close(c, r);
    }, enumerable: true },
    addEventListener: { value: function addEventListener(this: unknown, type: unknown, listener: unknown) {
      const s = stateOf(this);
      const t = String(type);
      if (typeof listener !== "function") throw realmTypeError(realm, `handler for event type "${t}" isn't a callable function`);
      if (!isEventType(t)) {
        host.log("warn", `can't add event handler: unknown event type "${t}"`);
        return;
      }
      s.listeners.add(t, listener as (ev: unknown) => unknown);
    }, enumerable: true },
  };
  for (const type of ["open", "message", "error", "close", "ping", "pong"] as EventType[]) {
    props[`on${type}`] = {
      get() { return stateOf(this).listeners.handler(type) ?? null; },
      set(value: unknown) {
        if (value === null || value === undefined) stateOf(this).listeners.setHandler(type, undefined);
        else if (typeof value === "function") stateOf(this).listeners.setHandler(type, value as (ev: unknown) => unknown);
        else throw realmTypeError(realm, `a value for 'on${type}' should be callable`);
      },
      enumerable: true,
    };
  }
  Object.defineProperties(proto, props);
  return proto;
}

function assertOpen(realm: Realm, s: SocketState): void {
  if (s.readyState === OPEN) return;
  // k6 websockets assertStateOpen: the message is just the DOM error name
  throw realmError(realm, "InvalidStateError", "InvalidStateError");
}
