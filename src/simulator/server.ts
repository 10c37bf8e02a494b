// One Finesse node on one port: REST under /finesse/api, RFC 7395 WebSocket on /ws and /ws/, optional
// /admin fault controls; plain HTTP or TLS.
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttps } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { handleAdmin, type Faults, type SimulatorAdmin } from "./admin.ts";
import { userNode } from "../finesse/index.ts";
import { blast, type BlastTarget } from "./blast.ts";
import { Hub } from "./hub.ts";
import { Lockout } from "./lockout.ts";
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from "./options.ts";
import { generatePopulation, type Population } from "./population.ts";
import { handleRest } from "./rest.ts";
import { FinesseService } from "./service.ts";
import { selfSignedCertificate, type TlsMaterial } from "./tls.ts";
import { XmppSession, type XmppEndpoint } from "./xmpp-session.ts";

export interface Simulator {
  /** Origin, e.g. http://127.0.0.1:8445 */
  url: string;
  /** WebSocket URL (ws:// or wss://…/ws/). */
  wsUrl: string;
  /** REST base, …/finesse/api */
  restUrl: string;
  port: number;
  domain: string;
  pubsubDomain: string;
  population: Population;
  service: FinesseService;
  admin: SimulatorAdmin;
  /** The certificate in TLS mode (for clients that pin it). */
  tls: TlsMaterial | undefined;
  stop(): Promise<void>;
}

const base64 = {
  encode: (s: string) => Buffer.from(s, "utf8").toString("base64"),
  decode: (s: string) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new Error("invalid base64");
    return Buffer.from(s, "base64").toString("utf8");
  },
};

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const o: ResolvedOptions = resolveOptions(options);
  const population = o.population ?? generatePopulation({ seed: o.seed, agents: o.agents, supervisors: o.supervisors, teamSize: o.teamSize, firstId: o.firstId });
  const pubsubDomain = `pubsub.${o.domain}`;
  const faults: Faults = { restLatencyMs: 0, eventLatencyMs: 0, dropFraction: 0, refuseConnections: false, finessePresent: true };
  const service = new FinesseService(population, {
    domain: o.domain, pubsubDomain, ctiDelayMs: o.ctiDelayMs, presenceGraceMs: o.presenceGraceMs, deploymentType: o.deploymentType,
    primaryHost: o.primaryHost ?? o.domain, secondaryHost: o.secondaryHost,
  });
  const hub = new Hub({
    domain: o.domain, pubsubDomain, notificationNs: o.notificationNs, random: o.random,
    dropFraction: () => faults.dropFraction, eventLatencyMs: () => faults.eventLatencyMs,
    onAvailability: (local, available) => service.availability(local, available),
  });
  service.attach(hub);
  const lockout = new Lockout({ failures: o.lockoutFailures, durationMs: o.lockoutMs });
  const endpoint: XmppEndpoint = {
    domain: o.domain, pubsubDomain, service, hub, lockout, conflictPolicy: o.conflictPolicy, base64, random: o.random,
    finessePresent: () => faults.finessePresent,
  };
  const sockets = new Set<WebSocket>();
  const lastActivity = new WeakMap<WebSocket, number>();
  // Openfire pings WebSocket sessions idle for a minute, checking every minute (Openfire 4.x XmppWebSocket PingTask).
  const idlePing = o.wsIdlePingMs > 0
    ? setInterval(() => {
      const now = Date.now();
      for (const ws of sockets) if (now - (lastActivity.get(ws) ?? 0) >= o.wsIdlePingMs && ws.readyState === ws.OPEN) ws.ping();
    }, o.wsIdlePingMs)
    : undefined;
  idlePing?.unref();
  const sessions = new Set<XmppSession>();

  const admin: SimulatorAdmin = {
    dropSockets() {
      const n = sockets.size;
      for (const ws of sockets) ws.terminate();
      return n;
    },
    outOfService(seconds) {
      service.ctiFailover(seconds * 1000);
    },
    setFinessePresence(available) {
      faults.finessePresent = available;
      for (const s of sessions) s.sendFinessePresence(available);
    },
    setLatency(l) {
      if (l.restMs !== undefined) faults.restLatencyMs = l.restMs;
      if (l.eventMs !== undefined) faults.eventLatencyMs = l.eventMs;
    },
    refuseConnections(refuse) {
      faults.refuseConnections = refuse;
    },
    dropEvents(fraction) {
      if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`drop fraction must be within 0…1, got ${fraction}`);
      faults.dropFraction = fraction;
    },
    blast(count, perSecond, label) {
      const targets: BlastTarget[] = [];
      for (const s of hub.allSessions()) {
        const r = service.record(s.local);
        if (!s.available || !r) continue;
        targets.push({ render: (id) => hub.renderFor(s, userNode(r.user.id), service.userUpdateText(r, id)), send: (t) => s.send(t), get closed() { return s.closed; } });
      }
      return blast(targets, count, perSecond, Date.now, label);
    },
    stats: () => ({
      sessions: hub.sessionCount, signedIn: service.signedInCount(), sockets: sockets.size, inService: service.inService, ...hub.stats, forcedLogouts: service.forcedLogouts,
      faults: { ...faults },
    }),
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (handleRest(req, res, { service, lockout, latencyMs: () => faults.restLatencyMs })) return;
    const path = (req.url ?? "/").split("?")[0]!;
    if (o.admin && (path === "/admin" || path.startsWith("/admin/"))) return handleAdmin(req, res, admin);
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end(`not found: ${path}\n`);
  };
  const tls = o.tls === true ? selfSignedCertificate(o.host) : o.tls === false ? undefined : o.tls;
  const server: Server = tls ? createHttps({ key: tls.key, cert: tls.cert }, onRequest) : createHttp(onRequest);
  server.keepAliveTimeout = 65_000;

  const wss = new WebSocketServer({
    noServer: true, perMessageDeflate: false, maxPayload: o.maxFrameBytes, clientTracking: false,
    handleProtocols: (protocols) => (protocols.has("xmpp") ? "xmpp" : false),
  });
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/ws" && path !== "/ws/") return refuseUpgrade(socket, 404, "Not Found");
    if (faults.refuseConnections) return refuseUpgrade(socket, 503, "Service Unavailable");
    // RFC 7395 §3.2: the server must not complete the handshake without the xmpp subprotocol (Openfire refuses it).
    const offered = String(req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
    if (!offered.includes("xmpp")) return refuseUpgrade(socket, 400, "Bad Request: subprotocol xmpp required");
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      lastActivity.set(ws, Date.now());
      ws.on("pong", () => lastActivity.set(ws, Date.now()));
      const session = new XmppSession(endpoint, {
        send: (text) => {
          if (ws.readyState === ws.OPEN) ws.send(text);
        },
        close: () => {
          if (ws.readyState === ws.OPEN) ws.close(1000);
        },
      });
      sessions.add(session);
      ws.on("message", (data, isBinary) => {
        lastActivity.set(ws, Date.now());
        if (isBinary) return session.fail("unsupported-encoding", "binary WebSocket messages are not XMPP (RFC 7395 §3.3.3)");
        session.onText(data.toString());
      });
      ws.on("close", () => {
        sockets.delete(ws);
        sessions.delete(session);
        session.onSocketClosed();
      });
      ws.on("error", () => {
        // e.g. a frame above maxPayload: ws closes with 1009; the close handler cleans up.
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = o.host.includes(":") ? `[${o.host}]` : o.host;
  const url = `${tls ? "https" : "http"}://${hostForUrl}:${port}`;
  return {
    url, wsUrl: `${tls ? "wss" : "ws"}://${hostForUrl}:${port}/ws/`, restUrl: `${url}/finesse/api`, port, domain: o.domain, pubsubDomain,
    population, service, admin, tls,
    async stop() {
      service.stop();
      if (idlePing) clearInterval(idlePing);
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
