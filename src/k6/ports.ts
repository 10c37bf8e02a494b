// The agent's ports on k6: k6/websockets (one VU event loop holds many sockets, k6 docs,
// using-k6/protocols/websockets), Date.now and k6/timers, k6/encoding, and http.asyncRequest (k6 docs,
// javascript-api/k6-http/asyncrequest) so that requests never block the VU.
import http from "k6/http";
import encoding from "k6/encoding";
import { setTimeout, clearTimeout } from "k6/timers";
import { WebSocket } from "k6/websockets";
import type { HttpPort } from "../agent/index.ts";
import type { Base64, Clock, Connect } from "../xmpp/index.ts";

// The parts of a k6 WebSocket used here (k6 docs, javascript-api/k6-websockets/websocket); @types/k6 declares
// `protocols` as null.
interface K6Socket {
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: { data?: unknown; error?: unknown; code?: number; reason?: string }) => void): void;
}
type K6SocketConstructor = new (url: string, protocols: string[]) => K6Socket;

/**
 * Event order as in k6 internal/js/modules/k6/websockets/websockets.go (`connectionClosedWithError`): error (if
 * any) before close; close carries `code` only when non-zero.
 */
export const k6Connect: Connect = (url, protocols, handlers) => {
  const ws = new (WebSocket as unknown as K6SocketConstructor)(url, [...protocols]);
  ws.addEventListener("open", () => handlers.onOpen());
  ws.addEventListener("message", (e) => {
    if (typeof e.data === "string") handlers.onMessage(e.data);
  });
  ws.addEventListener("error", (e) => handlers.onError(String(e.error ?? "websocket error")));
  ws.addEventListener("close", (e) => handlers.onClose(typeof e.code === "number" && e.code !== 0 ? e.code : undefined, e.reason ?? ""));
  return {
    get protocol() {
      return ws.protocol ?? "";
    },
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code ?? 1000, reason),
  };
};

export const k6Clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as number),
};

export const k6Base64: Base64 = {
  encode: (text) => encoding.b64encode(text, "std"),
  decode: (b64) => encoding.b64decode(b64, "std", "s"),
};

/**
 * http.asyncRequest; `responseType: "text"`; errors come back in `error` (k6 docs, javascript-api/k6-http), never
 * thrown.
 */
export const k6Http: HttpPort = {
  async request(req) {
    const t0 = Date.now();
    try {
      const res = await http.asyncRequest(req.method, req.url, req.body ?? null, {
        headers: req.headers,
        timeout: req.timeoutMs,
        responseType: "text",
        tags: { name: req.url.replace(/\/User\/[^/]+/, "/User/{id}").replace(/\/Team\/[^/]+/, "/Team/{id}") },
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.toLowerCase()] = String(v);
      const body = typeof res.body === "string" ? res.body : "";
      const out = { status: res.status, headers, body, durationMs: res.timings?.duration ?? Date.now() - t0 };
      return res.status === 0 ? { ...out, error: res.error || "no response" } : out;
    } catch (e) {
      return { status: 0, headers: {}, body: "", durationMs: Date.now() - t0, error: e instanceof Error ? e.message : String(e) };
    }
  },
};
