// A loopback WebSocket server on port 0 whose behaviour is chosen by the request path.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface TestServer {
  url: (path: string) => string;
  port: number;
  /** upgrade requests seen, for header assertions */
  requests: { url: string; headers: Record<string, string | string[] | undefined> }[];
  /** messages the server received */
  received: { data: string; binary: boolean }[];
  closes: { code: number; reason: string }[];
  close: () => Promise<void>;
}

/**
 * Paths: /echo echoes; /greet sends "hello" and a binary [1,2,3] on connect; /close/<code> closes at
 * once with that code and reason "bye"; /drop destroys the TCP socket on connect; /ping pings once;
 * /reject answers the upgrade with 403; /pair sends two text frames in a single TCP write.
 */
export async function startWsServer(): Promise<TestServer> {
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has("chat") ? "chat" : false),
  });
  const requests: TestServer["requests"] = [];
  const received: TestServer["received"] = [];
  const closes: TestServer["closes"] = [];
  http.on("upgrade", (req, socket, head) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    if (req.url === "/reject") {
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => behave(ws, req.url ?? "/"));
  });
  function behave(ws: WebSocket, path: string): void {
    ws.on("message", (data: Buffer, binary: boolean) => {
      received.push({ data: data.toString(), binary });
      if (path === "/echo") ws.send(data, { binary });
    });
    ws.on("close", (code, reason) => closes.push({ code, reason: reason.toString() }));
    const closeMatch = /^\/close\/(\d+)$/.exec(path);
    if (closeMatch) ws.close(Number(closeMatch[1]), "bye");
    else if (path === "/greet") {
      ws.send("hello");
      ws.send(Buffer.from([1, 2, 3]));
    } else if (path === "/drop") setTimeout(() => ws.terminate(), 20);
    else if (path === "/ping") ws.ping("srv");
    else if (path === "/pair") {
      // two unmasked text frames "a" and "b" in one TCP write (RFC 6455 §5.2)
      const raw = (ws as unknown as { _socket: { write(b: Buffer): void } })._socket;
      raw.write(Buffer.from([0x81, 1, 0x61, 0x81, 1, 0x62]));
    }
  }
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `ws://127.0.0.1:${port}${path}`,
    requests,
    received,
    closes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
