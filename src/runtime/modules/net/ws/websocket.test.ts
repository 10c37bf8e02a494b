import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { websocketsModule } from "../index.ts";
import { FakeHost } from "../test-host.ts";
import { startWsServer, type TestServer } from "./ws-server.test-helper.ts";

type Ev = Record<string, unknown>;
interface Sock {
  readyState: number;
  url: string;
  protocol: string;
  binaryType: string;
  bufferedAmount: number;
  send(data: unknown): void;
  ping(): void;
  close(code?: unknown, reason?: unknown): void;
  addEventListener(type: string, fn: unknown): void;
  [on: string]: unknown;
}
type Ctor = new (url?: unknown, protocols?: unknown, params?: unknown) => Sock;

function setup(opts: ConstructorParameters<typeof FakeHost>[0] = {}): { host: FakeHost; WebSocket: Ctor; Blob: new (parts?: unknown[], o?: unknown) => { size: number; text(): Promise<string> } } {
  const host = new FakeHost(opts);
  const exports = websocketsModule(host);
  return { host, WebSocket: exports.WebSocket as Ctor, Blob: exports.Blob as never };
}

/** Records every event as "type" or "type:detail". */
function record(ws: Sock, types = ["open", "message", "error", "close", "ping", "pong"]): string[] {
  const log: string[] = [];
  for (const t of types) {
    ws.addEventListener(t, (e: Ev) => {
      if (t === "message") log.push(`message:${typeof e.data === "string" ? e.data : "binary"}`);
      else if (t === "close") log.push(`close:${String(e.code)}:${String(e.reason)}`);
      else if (t === "error") log.push(`error:${String(e.error)}`);
      else log.push(t);
    });
  }
  return log;
}

let server: TestServer;
before(async () => {
  server = await startWsServer();
});
after(() => server.close());

describe("k6/websockets constructor", () => {
  test("rejects a missing url, other schemes, fragments, bad protocols and unknown options", () => {
    const { host, WebSocket } = setup();
    assert.throws(() => new WebSocket(), (e: Error) => e instanceof host.realm.Error && e.message === "WebSocket requires a url");
    assert.throws(() => new WebSocket("http://127.0.0.1/"), /^Error: WebSocket requires url with scheme ws or wss, but got "http"$/);
    assert.throws(() => new WebSocket("ws://127.0.0.1/#frag"), /WebSocket requires no url fragment, but got "frag"/);
    assert.throws(() => new WebSocket("ws://:bad"), /WebSocket requires valid url/);
    assert.throws(() => new WebSocket(server.url("/echo"), 5), /protocols must be a string or an array/);
    assert.throws(() => new WebSocket(server.url("/echo"), null, { foo: 1 }), /unknown WebSocket's option foo/);
    assert.throws(() => new WebSocket(server.url("/echo"), null, { compression: "gzip" }), /unsupported compression algorithm 'gzip', supported algorithm is 'deflate'/);
    assert.throws(() => new WebSocket(server.url("/echo"), null, { compression: "" }), /unsupported compression algorithm ''/);
    assert.throws(() => new WebSocket(server.url("/echo"), null, { tags: { a: {} } }), /invalid WebSocket tags option/);
    assert.equal(host.outstanding, 0, "failed constructions hold nothing");
  });

  test("refuses the init context", () => {
    const { WebSocket } = setup({ phase: "init" });
    assert.throws(() => new WebSocket(server.url("/echo")), /init context is not supported/);
  });

  test("returns at once in CONNECTING with no readyState constants", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    assert.equal(ws.readyState, 0);
    assert.equal(ws.url, server.url("/echo"));
    assert.equal(ws.OPEN, undefined);
    assert.equal((WebSocket as unknown as Record<string, unknown>).CLOSED, undefined);
    assert.equal(ws.binaryType, "blob");
    ws.onopen = () => ws.close();
    await host.idle();
    assert.equal(ws.readyState, 3);
  });
});

describe("k6/websockets events", () => {
  test("on* handler runs before listeners, whenever it was set", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    const order: string[] = [];
    ws.addEventListener("open", () => order.push("listener1"));
    ws.addEventListener("open", () => order.push("listener2"));
    ws.onopen = () => order.push("onopen");
    ws.addEventListener("open", () => ws.close());
    await host.idle();
    assert.deepEqual(order, ["onopen", "listener1", "listener2"]);
  });

  test("echo: text and binary (blob default, arraybuffer on request), then a clean close", async () => {
    const { host, WebSocket, Blob } = setup();
    const ws = new WebSocket(server.url("/echo"));
    const got: unknown[] = [];
    ws.onopen = () => {
      ws.send("text");
      ws.send(new Uint8Array([7, 8]));
      ws.send(new Blob(["blob!"]));
    };
    ws.onmessage = (e: Ev) => {
      assert.equal(e.origin, ws.url);
      assert.equal(e.target, ws);
      assert.equal(typeof e.timestamp, "number");
      got.push(e.data);
      if (got.length === 2) ws.binaryType = "arraybuffer";
      if (got.length === 3) ws.close();
    };
    const log = record(ws, ["close", "error"]);
    await host.idle();
    assert.equal(got[0], "text");
    assert.ok(got[1] instanceof Blob);
    assert.ok(got[2] instanceof host.realm.ArrayBuffer);
    assert.equal(Buffer.from(got[2] as ArrayBuffer).toString(), "blob!");
    assert.deepEqual(log, ["close:1000:"]);
    assert.equal(host.metric("ws_msgs_received").length, 3);
    assert.equal(host.metric("ws_msgs_sent").length, 4, "three data frames and the close frame");
    // k6 quirk: the written close frame (2 bytes) lowers bufferedAmount although it never raised it
    assert.equal(ws.bufferedAmount, -2);
  });

  test("send rejects unsupported types and non-OPEN states", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    assert.throws(() => ws.send("early"), (e: Error) => e.name === "InvalidStateError" && e.message === "InvalidStateError");
    assert.throws(() => ws.ping(), (e: Error) => e.name === "InvalidStateError");
    let typeErr: unknown;
    ws.onopen = () => {
      try {
        ws.send(42);
      } catch (e) {
        typeErr = e;
      }
      ws.close();
    };
    await host.idle();
    assert.match(String(typeErr), /unsupported send type/);
  });

  test("close() validates code and reason; close while CONNECTING suppresses open", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    assert.throws(() => ws.close(1001), (e: Error) => e.name === "InvalidAccessError" && /1000, or between 3000 and 4999. 1001 is neither$/.test(e.message));
    assert.throws(() => ws.close(2999), (e: Error) => e.name === "InvalidAccessError");
    assert.throws(() => ws.close(1000, "x".repeat(124)), (e: Error) => e.name === "SyntaxError" && /must not be greater than 123 bytes/.test(e.message));
    const log = record(ws);
    ws.close();
    assert.equal(ws.readyState, 2);
    ws.close(3000); // no-op once CLOSING
    await host.idle();
    assert.deepEqual(log, ["close:1000:"]);
    assert.equal(host.metric("ws_sessions").length, 1);
  });

  test("close(0) means close(1000)", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    ws.onopen = () => ws.close(0);
    const log = record(ws, ["error", "close"]);
    await host.idle();
    assert.deepEqual(log, ["close:1000:"]);
  });

  test("close(3000) echoed by the server fires error then close", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    ws.onopen = () => ws.close(3000, "done");
    const log = record(ws, ["error", "close"]);
    await host.idle();
    assert.deepEqual(log, ["error:websocket: close 3000: done", "close:3000:done"]);
  });

  test("server close codes: 1001 is clean, 1011 is error then close", async () => {
    const { host, WebSocket } = setup();
    const a = record(new WebSocket(server.url("/close/1001")), ["error", "close"]);
    const b = record(new WebSocket(server.url("/close/1011")), ["error", "close"]);
    await host.idle();
    assert.deepEqual(a, ["close:1001:bye"]);
    assert.deepEqual(b, ["error:websocket: close 1011 (internal server error): bye", "close:1011:bye"]);
  });

  test("a TCP drop gives error 1006 then close 1006", async () => {
    const { host, WebSocket } = setup();
    const log = record(new WebSocket(server.url("/drop")), ["error", "close"]);
    await host.idle();
    assert.deepEqual(log, ["error:websocket: close 1006 (abnormal closure): unexpected EOF", "close:1006:"]);
  });

  test("handshake failures: error then close without code; sessions and connecting still recorded", async () => {
    const { host, WebSocket } = setup();
    const rejected = record(new WebSocket(server.url("/reject")), ["open", "error", "close"]);
    const refused = record(new WebSocket("ws://127.0.0.1:1/"), ["open", "error", "close"]);
    await host.idle();
    assert.deepEqual(rejected, ["error:websocket: bad handshake", "close:undefined:"]);
    assert.deepEqual(refused, ["error:dial tcp 127.0.0.1:1: connect: connection refused", "close:undefined:"]);
    assert.equal(host.metric("ws_sessions").length, 2);
    assert.equal(host.metric("ws_connecting").length, 2);
    assert.equal(host.metric("ws_session_duration").length, 0);
    assert.equal(host.metric("ws_sessions").find((s) => s.tags.url?.endsWith("/reject"))?.tags.status, "403");
    assert.ok(host.bytesSent > 0 && host.bytesReceived > 0, "bytes of the refused upgrade are counted");
  });

  test("server ping is answered and fires ping; our ping records ws_ping and fires pong", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/ping"));
    const log = record(ws, ["ping", "pong"]);
    ws.onopen = () => ws.ping();
    ws.onpong = () => ws.close();
    await host.idle();
    assert.deepEqual(log.sort(), ["ping", "pong"]);
    assert.equal(host.metric("ws_ping").length, 1);
    assert.ok(host.metric("ws_ping")[0]!.value >= 0);
  });

  test("messages arriving after close() are dropped", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/greet"));
    const log = record(ws, ["message", "close"]);
    ws.onmessage = () => ws.close();
    await host.idle();
    assert.deepEqual(log, ["message:hello", "close:1000:"]);
    assert.equal(host.metric("ws_msgs_received").length, 1);
  });

  test("a throwing listener tears the connection down: error then close listeners", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/greet"));
    const log = record(ws, ["error", "close"]);
    ws.onmessage = () => {
      throw new host.realm.Error("boom");
    };
    await host.idle();
    assert.deepEqual(log, ["error:Error: boom", "close:undefined:"]);
    assert.equal(host.errors.length, 1);
    assert.equal(ws.readyState, 3);
  });

  test("a throwing error listener skips close listeners", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/close/1011"));
    const log = record(ws, ["close"]);
    ws.onerror = () => {
      throw new host.realm.Error("in error");
    };
    await host.idle();
    assert.deepEqual(log, []);
    assert.equal(host.errors.length, 1);
  });

  test("interruption queues close(1000) and stops forwarding events", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    const log = record(ws, ["close", "error"]);
    ws.onopen = () => host.controller.abort();
    await host.idle();
    assert.deepEqual(log, []);
    await waitFor(() => server.closes.some((c) => c.code === 1000));
  });
});

describe("k6/websockets with many sockets per VU", () => {
  test("one VU holds 15 sockets; interruption closes them all without listener-leak warnings", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.message);
    };
    process.on("warning", onWarning);
    try {
      const { host, WebSocket } = setup();
      const sockets = Array.from({ length: 15 }, () => new WebSocket(server.url("/echo?many")));
      let opened = 0;
      for (const ws of sockets) ws.onopen = () => ++opened === sockets.length && host.controller.abort();
      await host.idle();
      assert.equal(opened, 15);
      assert.ok(sockets.every((ws) => ws.readyState === 2 || ws.readyState === 3));
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings.filter((w) => /listener/i.test(w)), []);
    } finally {
      process.off("warning", onWarning);
    }
  });
});

describe("k6/websockets params, handlers and tags", () => {
  test("headers, user agent, subprotocols and tags reach the server and the samples", async () => {
    const { host, WebSocket } = setup({ options: { userAgent: "agent/1" }, tags: { scenario: "s1" } });
    const ws = new WebSocket(server.url("/echo?h=1"), ["chat", "other"], { headers: { "X-Test": 5 }, tags: { tier: "gold" } });
    ws.onopen = () => ws.close();
    await host.idle();
    const req = server.requests.find((r) => r.url === "/echo?h=1")!;
    assert.equal(req.headers["x-test"], "5");
    assert.equal(req.headers["user-agent"], "agent/1");
    assert.equal(req.headers["sec-websocket-protocol"], "chat,other");
    assert.equal(ws.protocol, "chat");
    const s = host.metric("ws_sessions")[0]!;
    assert.deepEqual(s.tags, { scenario: "s1", tier: "gold", url: ws.url, name: ws.url, status: "101", subproto: "chat" });
    assert.equal(host.metric("ws_session_duration").length, 1);
    // ws_sessions is stamped at dial start, ws_connecting when the handshake finished
    assert.ok(s.time <= host.metric("ws_connecting")[0]!.time);
  });

  test("a name tag replaces the url tag", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"), null, { tags: { name: "agent-socket" } });
    ws.onopen = () => ws.close();
    await host.idle();
    assert.equal(host.metric("ws_sessions")[0]!.tags.url, "agent-socket");
  });

  test("on* setters accept functions and null; others throw; unknown listener types warn", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    assert.throws(() => (ws.onmessage = 5), /a value for 'onmessage' should be callable/);
    ws.onmessage = null;
    assert.equal(ws.onmessage, null);
    ws.addEventListener("nope", () => undefined);
    assert.match(host.logs[0]!.message, /can't add event handler: unknown event type "nope"/);
    assert.throws(() => ws.addEventListener("open", 1), /handler for event type "open" isn't a callable function/);
    assert.throws(() => (ws.binaryType = "text"), /unknown binaryType/);
    ws.onopen = () => ws.close();
    await host.idle();
  });

  test("bytes are counted and keepAlive is released", async () => {
    const { host, WebSocket } = setup();
    const ws = new WebSocket(server.url("/echo"));
    ws.onopen = () => ws.close();
    await host.idle();
    assert.ok(host.bytesSent > 0 && host.bytesReceived > 0);
    assert.equal(host.outstanding, 0);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
