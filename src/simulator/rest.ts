// Finesse REST on the simulator (Finesse REST API developer guide, "Client Requests"): Basic auth on every
// request, 202 + asynchronous event for state changes, `<ApiErrors>` for refusals, 503 SERVER_OUT_OF_SERVICE
// while out of service.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  API_PREFIX, FinesseApiError, REQUEST_ID_HEADER, apiErrorsElement, readStateChange, systemInfoElement, teamElement,
  userElement, type ApiErrorInfo, type Team,
} from "../finesse/index.ts";
import { xml } from "../xml/index.ts";
import { teamMember } from "./agent-state.ts";
import type { Lockout } from "./lockout.ts";
import type { SimUser } from "./population.ts";
import type { FinesseService } from "./service.ts";

export interface RestContext {
  service: FinesseService;
  lockout: Lockout;
  /** Extra delay before each response (fault injection). */
  latencyMs(): number;
}

const MAX_BODY = 64 * 1024;

class HttpRefusal extends FinesseApiError {}

const refuse = (status: number, errorType: string, errorMessage: string, errorData = "") => new HttpRefusal(status, errorType, errorMessage, errorData);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(refuse(413, "Invalid Input", "request body too large", String(size)));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function authenticate(req: IncomingMessage, ctx: RestContext): SimUser {
  const header = req.headers.authorization ?? "";
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) throw refuse(401, "Authorization Failure", "UNAUTHORIZED", "Basic authentication required");
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw refuse(401, "Authorization Failure", "UNAUTHORIZED", "malformed Basic credentials");
  const user = ctx.service.user(decoded.slice(0, colon));
  if (!user) throw refuse(401, "Authorization Failure", "UNAUTHORIZED", "invalid user or password");
  const result = ctx.lockout.check(user, decoded.slice(colon + 1));
  if (result === "locked") throw refuse(401, "Authorization Failure", "UNAUTHORIZED", "account locked after repeated sign-in failures");
  if (result !== "ok") throw refuse(401, "Authorization Failure", "UNAUTHORIZED", "invalid user or password");
  return user;
}

interface Reply {
  status: number;
  body: string;
}

async function route(req: IncomingMessage, ctx: RestContext, requestId: string): Promise<Reply> {
  const svc = ctx.service;
  const path = (req.url ?? "/").split("?")[0]!.replace(/\/+$/, "");
  const method = req.method ?? "GET";
  if (!svc.inService) throw refuse(503, "Service Unavailable", "SERVER_OUT_OF_SERVICE");
  const actor = authenticate(req, ctx);
  const parts = path.slice(API_PREFIX.length + 1).split("/");
  const [root, id, sub] = parts;
  const only = (m: string) => {
    if (method !== m) throw refuse(405, "Method Not Allowed", `${method} is not supported on ${path}`);
  };
  if (root === "SystemInfo" && parts.length === 1) {
    only("GET");
    return { status: 200, body: systemInfoElement(svc.systemInfo()).toString() };
  }
  if (root === "User" && id) {
    const target = svc.user(id);
    const self = target === actor;
    if (!target) {
      if (actor.role !== "supervisor") throw refuse(401, "Authorization Failure", "UNAUTHORIZED", `${actor.id} may access only its own user`);
      throw refuse(404, "Not Found", "UNKNOWN_USER", id);
    }
    if (!self && !svc.supervises(actor, target)) throw refuse(401, "Authorization Failure", "UNAUTHORIZED", `${actor.id} may not access user ${target.id}`);
    const record = svc.record(target.id)!;
    if (parts.length === 2) {
      if (method === "GET") return { status: 200, body: userElement(svc.info(record), "User").toString() };
      only("PUT");
      const change = readStateChange(await readBody(req));
      if (!self) {
        if (change.state === "LOGIN") throw refuse(400, "Invalid Input", "a supervisor cannot sign in another user", "state");
        if ("reasonCodeId" in change && change.reasonCodeId !== undefined) throw refuse(400, "Invalid Input", "a supervisor may not give a reason code", "reasonCodeId");
      }
      svc.submit(record, change, requestId);
      return { status: 202, body: "" };
    }
    if (parts.length === 3 && sub === "Dialogs") {
      only("GET");
      return { status: 200, body: xml("Dialogs", {}).toString() };
    }
  }
  if (root === "Team" && id && parts.length === 2) {
    only("GET");
    const team = svc.population.teams.get(id);
    if (!team) throw refuse(404, "Not Found", "UNKNOWN_TEAM", id);
    if (!svc.supervisesTeam(actor, id)) throw refuse(401, "Authorization Failure", "UNAUTHORIZED", `${actor.id} does not supervise team ${id}`);
    const body: Team = { id: team.id, name: team.name, users: team.members.map((m) => teamMember(svc.record(m)!)) };
    return { status: 200, body: teamElement(body, "Team").toString() };
  }
  throw refuse(404, "Not Found", `no resource ${path}`);
}

/** Handles one request under /finesse/api; returns false when the path is not a Finesse API path. */
export function handleRest(req: IncomingMessage, res: ServerResponse, ctx: RestContext): boolean {
  const url = req.url ?? "/";
  if (url !== API_PREFIX && !url.startsWith(`${API_PREFIX}/`)) return false;
  const header = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  const requestId = Array.isArray(header) ? (header[0] ?? "") : (header ?? "");
  const send = (reply: Reply) => {
    const write = () => {
      const headers: Record<string, string> = { "Content-Type": "application/xml", "Cache-Control": "no-cache" };
      if (requestId) headers[REQUEST_ID_HEADER] = requestId;
      if (reply.status === 401) headers["WWW-Authenticate"] = 'Basic realm="Finesse"';
      res.writeHead(reply.status, headers);
      res.end(reply.body);
    };
    const delay = ctx.latencyMs();
    if (delay > 0) setTimeout(write, delay);
    else write();
  };
  route(req, ctx, requestId).then(send, (e: unknown) => {
    if (!(e instanceof FinesseApiError)) {
      send({ status: 500, body: apiErrorsElement([{ errorType: "Internal Server Error", errorMessage: e instanceof Error ? e.message : String(e), errorData: "" }]).toString() });
      return;
    }
    const info: ApiErrorInfo = { errorType: e.errorType, errorMessage: e.errorMessage, errorData: e.errorData };
    send({ status: e.status, body: apiErrorsElement([info]).toString() });
  });
  return true;
}
