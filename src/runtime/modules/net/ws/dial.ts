// Upgrade request options (k6 docs, javascript-api/k6-websockets/params; k6 rules: 60 s handshake
// timeout, User-Agent from the userAgent option, the VU's jar, TLS per insecureSkipTLSVerify,
// the hosts option for the dial).
import type { ClientRequest } from "node:http";
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { ClientOptions } from "ws";
import { mapHost } from "../hosts.ts";
import { vuJar } from "../vu-jar.ts";
import type { WsParams } from "./params.ts";
import type { SocketContext } from "./socket.ts";

const HANDSHAKE_TIMEOUT_MS = 60_000;
const MAX_PAYLOAD = 256 * 1024 * 1024;

/** `onSocket` receives the TCP/TLS socket as soon as the upgrade request has one (bytes are counted on it). */
export function dialOptions(ctx: SocketContext, url: URL, hostname: string, port: number, params: WsParams, onSocket: (s: Socket) => void): ClientOptions {
  const { host } = ctx;
  const headers: Record<string, string> = {};
  if (ctx.userAgent !== "") headers["User-Agent"] = ctx.userAgent;
  for (const [name, value] of Object.entries(params.headers)) {
    if (name.toLowerCase() === "user-agent") delete headers["User-Agent"];
    headers[name] = value;
  }
  const jar = params.jar ?? vuJar(host);
  if (jar !== undefined) {
    const httpUrl = url.href.replace(/^ws/, "http");
    const cookies = Object.entries(jar.cookiesForURL(httpUrl)).flatMap(([n, vs]) => vs.map((v) => `${n}=${v}`));
    if (cookies.length > 0) headers.Cookie = cookies.join("; ");
  }
  const opts: ClientOptions = {
    headers,
    perMessageDeflate: params.compression ? { clientNoContextTakeover: true, serverNoContextTakeover: true } : false,
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    maxPayload: MAX_PAYLOAD,
    followRedirects: false,
    rejectUnauthorized: host.options.insecureSkipTLSVerify !== true,
    finishRequest: (req: ClientRequest) => {
      req.once("socket", onSocket);
      req.end();
    },
  };
  const target = mapHost(host.options.hosts, hostname, port);
  if (target.host !== hostname || target.port !== port) {
    const secure = url.protocol === "wss:";
    const servername = hostname;
    const reject = opts.rejectUnauthorized;
    opts.createConnection = (() =>
      secure
        ? tlsConnect({ host: target.host, port: target.port, servername, rejectUnauthorized: reject, ALPNProtocols: ["http/1.1"] })
        : netConnect({ host: target.host, port: target.port })) as unknown as ClientOptions["createConnection"];
  }
  return opts;
}
