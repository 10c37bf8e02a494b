// Fault controls (CTI failover, Tomcat down, network drops, latency, event loss), programmatic and as an
// HTTP endpoint under /admin when enabled.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BlastResult } from "./blast.ts";

export interface Faults {
  restLatencyMs: number;
  eventLatencyMs: number;
  dropFraction: number;
  refuseConnections: boolean;
  finessePresent: boolean;
}

export interface SimulatorStats {
  sessions: number;
  /** users whose agent state is not LOGOUT */
  signedIn: number;
  sockets: number;
  inService: boolean;
  published: number;
  delivered: number;
  dropped: number;
  forcedLogouts: number;
  faults: Faults;
}

export interface SimulatorAdmin {
  /** Terminates every WebSocket without a close handshake (network failure). */
  dropSockets(): number;
  /** CTI failover: OUT_OF_SERVICE for `seconds`, then IN_SERVICE and all user states re-published. */
  outOfService(seconds: number): void;
  /** The `finesse` user's presence (unavailable = Finesse web application down). */
  setFinessePresence(available: boolean): void;
  setLatency(latency: { restMs?: number; eventMs?: number }): void;
  refuseConnections(refuse: boolean): void;
  /** Drops this fraction (0…1) of event deliveries. */
  dropEvents(fraction: number): void;
  stats(): SimulatorStats;
  /** Benchmark burst: `count` User updates over the available sessions at `perSecond` (0: as fast as possible). */
  blast(count: number, perSecond: number, label?: string): Promise<BlastResult>;
}

export class AdminError extends Error {
  override name = "AdminError";
  readonly kind = "bad-parameter";
}

function num(params: URLSearchParams, name: string, min: number, max: number): number {
  const raw = params.get(name);
  const v = raw === null || raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new AdminError(`parameter ${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return v;
}

function bool(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new AdminError(`parameter ${name} must be true or false, got ${JSON.stringify(raw)}`);
}

/** Routes one request under /admin. */
export function handleAdmin(req: IncomingMessage, res: ServerResponse, admin: SimulatorAdmin): void {
  const url = new URL(req.url ?? "/", "http://sim");
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(`${JSON.stringify(body)}\n`);
  };
  try {
    const action = url.pathname.replace(/^\/admin\/?/, "").replace(/\/$/, "");
    if (action === "stats" && req.method === "GET") return reply(200, admin.stats());
    if (req.method !== "POST") return reply(405, { error: `${req.method} ${url.pathname}: use POST (GET only for /admin/stats)` });
    const p = url.searchParams;
    switch (action) {
      case "drop-sockets":
        return reply(200, { dropped: admin.dropSockets() });
      case "out-of-service":
        admin.outOfService(num(p, "seconds", 0, 86_400));
        break;
      case "finesse-presence":
        admin.setFinessePresence(bool(p, "available"));
        break;
      case "latency": {
        const latency: { restMs?: number; eventMs?: number } = {};
        if (p.has("restMs")) latency.restMs = num(p, "restMs", 0, 600_000);
        if (p.has("eventMs")) latency.eventMs = num(p, "eventMs", 0, 600_000);
        if (!p.has("restMs") && !p.has("eventMs")) throw new AdminError("give restMs and/or eventMs");
        admin.setLatency(latency);
        break;
      }
      case "refuse-connections":
        admin.refuseConnections(bool(p, "refuse"));
        break;
      case "drop-events":
        admin.dropEvents(num(p, "fraction", 0, 1));
        break;
      case "blast":
        admin.blast(num(p, "events", 1, 100_000_000), p.has("perSecond") ? num(p, "perSecond", 0, 10_000_000) : 0, p.get("label") ?? "").then(
          (r) => reply(200, r),
          (e: unknown) => reply(409, { error: e instanceof Error ? e.message : String(e) }),
        );
        return;
      default:
        return reply(404, { error: `no admin action ${JSON.stringify(action)} (drop-sockets, out-of-service, finesse-presence, latency, refuse-connections, drop-events, blast, stats)` });
    }
    reply(200, admin.stats());
  } catch (e) {
    reply(e instanceof AdminError ? 400 : 500, { error: e instanceof Error ? e.message : String(e) });
  }
}
