// Finesse REST requests and responses (Finesse REST API developer guide, "Client Requests"): Basic auth on
// every request, `requestId` header on state changes, XML bodies, `<ApiErrors>` on failure.
import { parse, xml, XmlError, type Element } from "../xml/index.ts";
import type { Base64 } from "../xmpp/index.ts";
import { readApiErrors } from "./api-errors.ts";
import { FinesseApiError, FinesseParseError } from "./errors.ts";
import { SYSTEM_INFO_NODE, teamUri, userNode } from "./nodes.ts";
import { readSystemInfo, type SystemInfo } from "./system-info.ts";
import { readTeam, type Team } from "./team.ts";
import { childText, readUser, type UserInfo } from "./user.ts";

/** The header that correlates a REST request with its notification (Finesse REST guide, "requestId"). */
export const REQUEST_ID_HEADER = "requestId";
export const XML_CONTENT_TYPE = "application/xml";

export interface Credentials {
  id: string;
  password: string;
}

export interface RestRequest {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** Path below the server origin, e.g. /finesse/api/User/1001. */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export function basicAuth(c: Credentials, base64: Base64): string {
  return `Basic ${base64.encode(`${c.id}:${c.password}`)}`;
}

function request(method: RestRequest["method"], path: string, c: Credentials, base64: Base64, body?: Element, requestId?: string): RestRequest {
  const headers: Record<string, string> = { Authorization: basicAuth(c, base64), Accept: XML_CONTENT_TYPE };
  if (body) headers["Content-Type"] = XML_CONTENT_TYPE;
  if (requestId !== undefined) headers[REQUEST_ID_HEADER] = requestId;
  return { method, path, headers, body: body?.toString() };
}

export function getUserRequest(c: Credentials, base64: Base64, userId = c.id): RestRequest {
  return request("GET", userNode(userId), c, base64);
}
export function getSystemInfoRequest(c: Credentials, base64: Base64): RestRequest {
  return request("GET", SYSTEM_INFO_NODE, c, base64);
}
export function getTeamRequest(c: Credentials, base64: Base64, teamId: string): RestRequest {
  return request("GET", teamUri(teamId), c, base64);
}

export type StateChange =
  | { state: "LOGIN"; extension: string }
  | { state: "READY" }
  | { state: "NOT_READY"; reasonCodeId?: string | undefined }
  | { state: "LOGOUT"; reasonCodeId?: string | undefined };

/** The `<User>` body of a sign-in or state change (Finesse "User—Change Agent State"). */
export function stateChangeBody(change: StateChange): Element {
  return xml("User", {},
    xml("state", {}, change.state),
    change.state === "LOGIN" ? xml("extension", {}, change.extension) : null,
    (change.state === "NOT_READY" || change.state === "LOGOUT") && change.reasonCodeId !== undefined ? xml("reasonCodeId", {}, change.reasonCodeId) : null,
  );
}

/** PUT /finesse/api/User/{id}; `userId` differs from `c.id` when a supervisor changes a member's state. */
export function putStateRequest(c: Credentials, base64: Base64, change: StateChange, requestId: string, userId = c.id): RestRequest {
  return request("PUT", userNode(userId), c, base64, stateChangeBody(change), requestId);
}

/** Server side: reads a state-change body. Throws FinesseApiError 400 as Finesse does for malformed input. */
export function readStateChange(body: string): StateChange {
  let el: Element;
  try {
    el = parse(body.trim());
  } catch (e) {
    throw new FinesseApiError(400, "Invalid Input", `request body is not XML: ${e instanceof XmlError ? e.message : String(e)}`, "");
  }
  if (el.getName() !== "User") throw new FinesseApiError(400, "Invalid Input", `expected <User>, got <${el.name}>`, "root");
  const state = childText(el, "state");
  if (state === undefined || state === "") throw new FinesseApiError(400, "Parameter Missing", "state is required", "state");
  const reasonCodeId = childText(el, "reasonCodeId") || undefined;
  if (reasonCodeId !== undefined && !/^-?\d+$/.test(reasonCodeId)) throw new FinesseApiError(400, "Invalid Input", `reasonCodeId ${JSON.stringify(reasonCodeId)} is not a number`, "reasonCodeId");
  switch (state) {
    case "LOGIN": {
      const extension = childText(el, "extension");
      if (!extension) throw new FinesseApiError(400, "Parameter Missing", "extension is required to sign in", "extension");
      return { state, extension };
    }
    case "READY":
      if (reasonCodeId !== undefined) throw new FinesseApiError(400, "Invalid Input", "READY takes no reasonCodeId", "reasonCodeId");
      return { state };
    case "NOT_READY":
    case "LOGOUT":
      return { state, reasonCodeId };
    default:
      throw new FinesseApiError(400, "Invalid Input", `state ${JSON.stringify(state)} cannot be set (READY, NOT_READY, LOGOUT or LOGIN)`, "state");
  }
}

export interface RestResponse {
  status: number;
  body: string;
  /** Header lookup, case-insensitive on the caller's side. */
  header(name: string): string | undefined;
}

/** Throws FinesseApiError for a non-2xx response, from its `<ApiErrors>` body when there is one. */
export function expectSuccess(res: RestResponse): void {
  if (res.status >= 200 && res.status < 300) return;
  const requestId = res.header(REQUEST_ID_HEADER);
  let first = { errorType: "", errorMessage: res.body.slice(0, 200), errorData: "" };
  try {
    const errors = readApiErrors(parse(res.body.trim()));
    if (errors[0]) first = errors[0];
  } catch {
    // Not an ApiErrors body (proxy error page, empty body): keep the raw text.
  }
  throw new FinesseApiError(res.status, first.errorType, first.errorMessage, first.errorData, requestId);
}

function body(res: RestResponse, what: string): Element {
  expectSuccess(res);
  try {
    return parse(res.body.trim());
  } catch (e) {
    throw new FinesseParseError("bad-xml", `${what} response is not XML: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

export function parseUserResponse(res: RestResponse): UserInfo {
  return readUser(body(res, "User"));
}
export function parseSystemInfoResponse(res: RestResponse): SystemInfo {
  return readSystemInfo(body(res, "SystemInfo"));
}
export function parseTeamResponse(res: RestResponse): Team {
  return readTeam(body(res, "Team"));
}
/** A state change is accepted with 202 (Finesse developer guide, "User—Change Agent State"); any 2xx is tolerated. */
export function parseAccepted(res: RestResponse): void {
  expectSuccess(res);
}
