// k6/websockets as a script sees it (code compiled in the VU realm), plus TLS, compression,
// hosts mapping, cookie jars and the deprecated module path.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { experimentalWebsocketsModule, httpModule, websocketsModule } from "../index.ts";
import { FakeHost } from "../test-host.ts";
import { selfSignedCert } from "../http/http-server.test-helper.ts";
import { startWsServer, type TestServer } from "./ws-server.test-helper.ts";

let server: TestServer;
let tlsPort = 0;
let closeTls: () => Promise<void>;
before(async () => {
  server = await startWsServer();
  const https = createServer(selfSignedCert());
  const wss = new WebSocketServer({ server: https, perMessageDeflate: true });
  wss.on("connection", (ws) => ws.on("message", (d, binary) => ws.send(d, { binary })));
  await new Promise<void>((r) => https.listen(0, "127.0.0.1", r));
  tlsPort = (https.address() as AddressInfo).port;
  closeTls = () =>
    new Promise<void>((r) => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      https.closeAllConnections();
      https.close(() => r());
    });
});
after(async () => {
  await server.close();
  await closeTls();
});

/** Compiles `source` (a function expression) in the host's realm. */
function inRealm<T>(host: FakeHost, source: string): T {
  return host.evaluate<T>(source);
}

describe("k6/websockets from script code", () => {
  test("handlers are plain calls with the socket as event.target; events and data belong to the script realm", async () => {
    const host = new FakeHost();
    const { WebSocket } = websocketsModule(host);
    const log: unknown[] = [];
    const script = inRealm<(W: unknown, url: string, log: unknown[]) => void>(host, `(function (WebSocket, url, log) {
      "use strict";
      const ws = new WebSocket(url);
      ws.binaryType = "arraybuffer";
      ws.onopen = function (e) {
        log.push("open", this === undefined && e.target === ws, ws.readyState);
        ws.send("text");
        ws.send(new Uint8Array([1, 2]));
      };
      ws.addEventListener("message", (e) => {
        log.push(e instanceof Object, typeof e.data === "string" ? e.data : e.data instanceof ArrayBuffer);
        if (e.data instanceof ArrayBuffer) ws.close();
      });
      ws.onclose = (e) => log.push("close", e.code, ws.readyState);
    })`);
    script(WebSocket, server.url("/echo"), log);
    await host.idle();
    assert.deepEqual(log, ["open", true, 1, true, "text", true, true, "close", 1000, 3]);
  });

  test("Blob round trip: send a Blob, receive a Blob with text()", async () => {
    const host = new FakeHost();
    const exports = websocketsModule(host);
    const out: string[] = [];
    const script = inRealm<(m: unknown, url: string, out: string[]) => void>(host, `(function ({ WebSocket, Blob }, url, out) {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        const bytes = new Uint8Array([99]);
        ws.send(new Blob(["ab", bytes], { type: "text/plain" }));
        const view = new Uint8Array([100]);
        ws.send(view);
        view[0] = 101; // changing the buffer after send() must not change the frame
      };
      ws.onmessage = (e) => {
        out.push(String(e.data instanceof Blob && e.data instanceof Object), String(e.data.size));
        e.data.text().then((t) => { out.push(t); if (out.length === 6) ws.close(); });
      };
    })`);
    script(exports, server.url("/echo"), out);
    await host.idle();
    assert.deepEqual(out, ["true", "3", "abc", "true", "1", "d"]);
  });
});

describe("k6/websockets event loop turns", () => {
  test("promise jobs of one handler finish before the next frame is delivered", async () => {
    const host = new FakeHost({ dispatch: "sync" });
    const { WebSocket } = websocketsModule(host);
    const seen: string[] = [];
    const script = inRealm<(W: unknown, url: string, seen: string[]) => void>(host, `(function (WebSocket, url, seen) {
      const ws = new WebSocket(url);
      ws.onmessage = async (e) => {
        seen.push("start " + e.data);
        await null;
        await Promise.resolve();
        seen.push("end " + e.data);
        if (e.data === "b") ws.close();
      };
    })`);
    script(WebSocket, server.url("/pair"), seen);
    await host.idle();
    assert.deepEqual(seen, ["start a", "end a", "start b", "end b"]);
  });
});

describe("k6/websockets connection options", () => {
  test("wss: an unknown authority fails the handshake; insecureSkipTLSVerify connects", async () => {
    const strict = new FakeHost();
    const S = websocketsModule(strict).WebSocket as new (u: string) => Record<string, unknown>;
    const errors: string[] = [];
    const a = new S(`wss://127.0.0.1:${tlsPort}/`);
    a.onerror = (e: { error: string }) => errors.push(e.error);
    await strict.idle();
    assert.deepEqual(errors, ["tls: failed to verify certificate: x509: certificate signed by unknown authority"]);

    const loose = new FakeHost({ options: { insecureSkipTLSVerify: true } });
    const L = websocketsModule(loose).WebSocket as new (u: string, p?: unknown, o?: unknown) => Record<string, unknown> & { close(): void; send(d: string): void };
    const b = new L(`wss://127.0.0.1:${tlsPort}/`, null, { compression: "deflate" });
    let ext: unknown;
    let echoed: unknown;
    b.onopen = () => {
      ext = [...(b.extensions as string[])];
      b.send("zip me");
    };
    b.onmessage = (e: { data: unknown }) => {
      echoed = e.data;
      b.close();
    };
    await loose.idle();
    assert.equal(echoed, "zip me");
    assert.match(String((ext as string[])[0]), /^permessage-deflate/);
  });

  test("hosts option redirects the dial and keeps the Host header", async () => {
    const host = new FakeHost({ options: { hosts: { "agents.test": `127.0.0.1:${server.port}` } } });
    const W = websocketsModule(host).WebSocket as new (u: string) => Record<string, unknown> & { close(): void };
    const ws = new W("ws://agents.test:1/echo?hosts");
    ws.onopen = () => ws.close();
    await host.idle();
    const req = server.requests.find((r) => r.url === "/echo?hosts");
    assert.equal(req?.headers.host, "agents.test:1");
  });

  test("a k6/http cookie jar sends its cookies on the upgrade request", async () => {
    const host = new FakeHost();
    const http = httpModule(host) as { cookieJar(): { set(u: string, n: string, v: string): void } };
    const jar = http.cookieJar();
    jar.set(`http://127.0.0.1:${server.port}/`, "sid", "xyz");
    const W = websocketsModule(host).WebSocket as new (u: string, p: unknown, o: unknown) => Record<string, unknown> & { close(): void };
    const ws = new W(server.url("/echo?jar"), null, { jar });
    ws.onopen = () => ws.close();
    await host.idle();
    assert.equal(server.requests.find((r) => r.url === "/echo?jar")?.headers.cookie, "sid=xyz");
  });

  test("without a jar param the VU's k6/http jar is used", async () => {
    const host = new FakeHost();
    const http = httpModule(host) as { cookieJar(): { set(u: string, n: string, v: string): void } };
    http.cookieJar().set(`http://127.0.0.1:${server.port}/`, "vu", "1");
    const W = websocketsModule(host).WebSocket as new (u: string) => Record<string, unknown> & { close(): void };
    const ws = new W(server.url("/echo?vujar"));
    ws.onopen = () => ws.close();
    await host.idle();
    assert.equal(server.requests.find((r) => r.url === "/echo?vujar")?.headers.cookie, "vu=1");
  });

  test("k6/experimental/websockets is the same API and warns once", () => {
    const a = new FakeHost();
    const b = new FakeHost();
    const ea = experimentalWebsocketsModule(a);
    experimentalWebsocketsModule(b);
    assert.equal(typeof ea.WebSocket, "function");
    assert.equal(typeof ea.Blob, "function");
    const warnings = [...a.logs, ...b.logs].filter((l) => l.level === "warn" && /deprecated/.test(l.message));
    assert.equal(warnings.length, 1);
  });
});
