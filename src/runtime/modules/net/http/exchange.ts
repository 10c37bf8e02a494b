// Performs one HTTP/1.1 exchange with keep-alive connection reuse and measures k6's timings
// (k6 docs, javascript-api/k6-http/response: blocked, connecting, tls_handshaking, sending,
// waiting, receiving; duration = sending + waiting + receiving).
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP, type Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { mapHost } from "../hosts.ts";
import { classify, ERR_DECOMPRESSION, ERR_GENERIC, ERR_INVALID_URL, ERR_TIMEOUT, statusErrorCode } from "./error-codes.ts";
import { emptyTimings, type ExchangeResult, type ExchangeSpec } from "./wire.ts";

/** Keep-alive connection pools of one VU (k6 reuses connections within a VU). */
export class Agents {
  readonly http = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  readonly httpsInsecure = new HttpsAgent({ keepAlive: true, maxSockets: 64, rejectUnauthorized: false });

  destroy(): void {
    this.http.destroy();
    this.https.destroy();
    this.httpsInsecure.destroy();
  }
}

const byteMarks = new WeakMap<Socket, { written: number; read: number }>();

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return gunzipSync(body);
    case "deflate":
      return inflateSync(body);
    case "br":
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

export function exchange(spec: ExchangeSpec, agents: Agents): Promise<ExchangeResult> {
  const result: ExchangeResult = {
    status: 0, statusText: "", proto: "", headers: [], body: undefined, timings: emptyTimings(), tlsVersion: "",
    startTime: Date.now(), error: "", errorCode: 0, bytesSent: 0, bytesReceived: 0, remoteIp: "", remotePort: 0,
  };
  let url: URL;
  try {
    url = new URL(spec.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`unsupported protocol scheme "${url.protocol.slice(0, -1)}"`);
  } catch (err) {
    result.error = `invalid URL: ${(err as Error).message}`;
    result.errorCode = ERR_INVALID_URL;
    return Promise.resolve(result);
  }
  const secure = url.protocol === "https:";
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port !== "" ? Number(url.port) : secure ? 443 : 80;
  const target = mapHost(spec.hosts, hostname, port);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of spec.headers) {
    const prev = headers[name];
    headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  if (!Object.keys(headers).some((h) => h.toLowerCase() === "host")) headers.Host = url.host;
  const t0 = performance.now();
  return new Promise<ExchangeResult>((resolve) => {
    let tSocket = 0, tConnectStart = 0, tConnect = 0, tTls = 0, tFinish = 0, tResponse = 0;
    let socket: Socket | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (socket) {
        const mark = byteMarks.get(socket) ?? { written: 0, read: 0 };
        result.bytesSent = socket.bytesWritten - mark.written;
        result.bytesReceived = socket.bytesRead - mark.read;
        byteMarks.set(socket, { written: socket.bytesWritten, read: socket.bytesRead });
      }
      resolve(result);
    };
    const fail = (err: Error & { code?: string }, code?: number): void => {
      if (done) return;
      const c = classify(err, target.host);
      result.error = code === ERR_TIMEOUT ? "request timeout" : c.error;
      result.errorCode = code ?? c.errorCode;
      const now = performance.now();
      const t = result.timings;
      if (tResponse > 0) t.receiving = now - tResponse;
      t.duration = t.sending + t.waiting + t.receiving;
      req.destroy();
      finish();
    };
    const options = {
      method: spec.method,
      host: target.host,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      headers,
      agent: secure ? (spec.insecureSkipTLSVerify ? agents.httpsInsecure : agents.https) : agents.http,
      // k6 hosts option: dial the mapped address, keep Host and SNI of the URL
      servername: secure && !isIP(hostname) ? hostname : undefined,
    };
    let req: ClientRequest;
    try {
      req = (secure ? httpsRequest : httpRequest)(options);
    } catch (err) {
      result.error = (err as Error).message;
      result.errorCode = ERR_GENERIC;
      resolve(result);
      return;
    }
    const timer = setTimeout(() => fail(new Error("request timeout"), ERR_TIMEOUT), spec.timeoutMs);
    req.on("socket", (s: Socket) => {
      socket = s;
      tSocket = performance.now();
      if (!byteMarks.has(s)) byteMarks.set(s, { written: 0, read: 0 });
      if (!s.connecting) return; // a reused keep-alive connection: no connect or TLS phase
      tConnectStart = tSocket;
      s.once("lookup", () => (tConnectStart = performance.now()));
      s.once("connect", () => (tConnect = performance.now()));
      if (secure) s.once("secureConnect", () => (tTls = performance.now()));
    });
    req.on("finish", () => (tFinish = performance.now()));
    req.on("error", (err) => fail(err));
    req.on("response", (res: IncomingMessage) => {
      tResponse = performance.now();
      result.remoteIp = res.socket?.remoteAddress ?? "";
      result.remotePort = res.socket?.remotePort ?? 0;
      result.status = res.statusCode ?? 0;
      result.statusText = `${result.status} ${res.statusMessage ?? ""}`.trimEnd();
      result.proto = `HTTP/${res.httpVersion}`;
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) result.headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
      if (secure) {
        const v = (res.socket as TLSSocket).getProtocol?.() ?? "";
        result.tlsVersion = v.replace(/^TLSv/, "tls").replace(/^tls1$/, "tls1.0");
      }
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => {
        if (spec.keepBody) chunks.push(c);
      });
      res.on("error", (err) => fail(err));
      res.on("end", () => {
        const tEnd = performance.now();
        const ready = tTls || tConnect || tSocket;
        const sendStart = Math.min(ready, tFinish || ready);
        const t = result.timings;
        t.blocked = (tConnectStart || tSocket) - t0;
        t.connecting = tConnect > 0 ? tConnect - tConnectStart : 0;
        t.tls_handshaking = secure && tTls > 0 && tConnect > 0 ? tTls - tConnect : 0;
        t.sending = Math.max(0, (tFinish || ready) - sendStart);
        t.waiting = tResponse - Math.max(ready, tFinish);
        t.receiving = tEnd - tResponse;
        t.duration = t.sending + t.waiting + t.receiving;
        result.errorCode = statusErrorCode(result.status);
        if (spec.keepBody) {
          try {
            result.body = new Uint8Array(decode(Buffer.concat(chunks), res.headers["content-encoding"]));
          } catch (err) {
            result.error = (err as Error).message;
            result.errorCode = ERR_DECOMPRESSION;
          }
        }
        finish();
      });
    });
    if (spec.body !== undefined) req.end(spec.body);
    else req.end();
  });
}
