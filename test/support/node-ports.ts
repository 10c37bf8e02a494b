// The protocol layer's ports (src/xmpp/ports.ts) implemented on Node with the `ws` package, for
// tests and benchmarks that drive the client without k6.
import WebSocket from "ws";
import type { Base64, Clock, Connect } from "../../src/xmpp/index.ts";

export const nodeConnect: Connect = (url, protocols, handlers) => {
  const ws = new WebSocket(url, [...protocols], { perMessageDeflate: false, rejectUnauthorized: false });
  let errored = false;
  ws.on("open", () => handlers.onOpen());
  ws.on("message", (data, isBinary) => {
    if (!isBinary) handlers.onMessage(data.toString());
  });
  ws.on("error", (e) => {
    errored = true;
    handlers.onError(e.message);
  });
  ws.on("unexpected-response", (_req, res) => {
    errored = true;
    handlers.onError(`websocket: bad handshake (HTTP ${res.statusCode})`);
    ws.terminate();
  });
  ws.on("close", (code, reason) => {
    // As k6 reports them: a TCP drop is error then close 1006; "no status received" (1005) has no code.
    if (code === 1006 && !errored) handlers.onError("websocket: close 1006 (abnormal closure): unexpected EOF");
    handlers.onClose(code === 1005 ? undefined : code, reason.toString());
  });
  return {
    get protocol() {
      return ws.protocol;
    },
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code ?? 1000, reason),
  };
};

export const nodeClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export const nodeBase64: Base64 = {
  encode: (text) => Buffer.from(text, "utf8").toString("base64"),
  decode: (b64) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new Error("invalid base64");
    return Buffer.from(b64, "base64").toString("utf8");
  },
};
