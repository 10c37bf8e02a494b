// The User object (Finesse REST "User" and the `<user>` of User notifications; Finesse developer guide,
// "User" and "User Notification"; fields as in the 12.5 captures of pokornyIt/finesse-api XMPP/*.xml).
import { xml, type Element } from "../xml/index.ts";
import { FinesseParseError } from "./errors.ts";
import { teamUri, userNode } from "./nodes.ts";

/** Agent states (Finesse "User—Change Agent State"). Only READY, NOT_READY, LOGOUT and LOGIN are settable. */
export const AGENT_STATES = [
  "LOGIN", "LOGOUT", "NOT_READY", "READY", "RESERVED", "RESERVED_OUTBOUND", "RESERVED_OUTBOUND_PREVIEW",
  "TALKING", "HOLD", "WORK", "WORK_READY", "UNKNOWN",
] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export interface ReasonCode {
  id: string;
  code: string;
  label: string;
  category: "NOT_READY" | "LOGOUT" | string;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface UserInfo {
  loginId: string;
  loginName: string;
  firstName: string;
  lastName: string;
  /** "" when signed out. */
  extension: string;
  state: string;
  pendingState: string;
  /** undefined when the element is absent; "-1" after sign-in. */
  reasonCodeId: string | undefined;
  reasonCode: ReasonCode | undefined;
  /** ISO-8601 UTC with milliseconds; "" if unknown. */
  stateChangeTime: string;
  teamId: string;
  teamName: string;
  roles: string[];
  /** Teams a supervisor supervises. */
  teams: TeamRef[];
  mediaType: string;
  uri: string;
}

const t = (name: string, text: string | undefined) => (text === undefined ? null : xml(name, {}, text));

export function reasonCodeElement(name: string, rc: ReasonCode): Element {
  return xml(name, {}, t("category", rc.category), t("code", rc.code), t("id", rc.id), t("label", rc.label),
    t("uri", `/finesse/api/ReasonCode/${rc.id}`));
}

/** The User element; `root` is "User" for REST bodies and "user" inside notifications. Children sorted by name as captured. */
export function userElement(u: UserInfo, root: "User" | "user" = "User"): Element {
  return xml(root, {},
    t("dialogs", `${userNode(u.loginId)}/Dialogs`),
    t("extension", u.extension),
    t("firstName", u.firstName),
    t("lastName", u.lastName),
    t("loginId", u.loginId),
    t("loginName", u.loginName),
    t("mediaType", u.mediaType),
    t("pendingState", u.pendingState),
    u.reasonCode ? reasonCodeElement("ReasonCode", u.reasonCode) : null,
    t("reasonCodeId", u.reasonCodeId),
    xml("roles", {}, ...u.roles.map((r) => xml("role", {}, r))),
    xml("settings", {}, xml("wrapUpOnIncoming", {}, "OPTIONAL"), xml("wrapUpOnOutgoing", {}, "OPTIONAL")),
    t("state", u.state),
    t("stateChangeTime", u.stateChangeTime),
    t("teamId", u.teamId),
    t("teamName", u.teamName),
    u.teams.length > 0
      ? xml("teams", {}, ...u.teams.map((tm) => xml("Team", {}, t("id", tm.id), t("name", tm.name), t("uri", teamUri(tm.id)))))
      : null,
    t("uri", u.uri),
  );
}

/** Text of the first child named `name` in any case, or undefined. */
export function childText(el: Element, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const c of el.children) {
    if (typeof c !== "string" && c.getName().toLowerCase() === lower) return c.getText().trim();
  }
  return undefined;
}

export function childElement(el: Element, name: string): Element | undefined {
  const lower = name.toLowerCase();
  for (const c of el.children) if (typeof c !== "string" && c.getName().toLowerCase() === lower) return c;
  return undefined;
}

export function readReasonCode(el: Element | undefined): ReasonCode | undefined {
  if (!el) return undefined;
  return { id: childText(el, "id") ?? "", code: childText(el, "code") ?? "", label: childText(el, "label") ?? "", category: childText(el, "category") ?? "" };
}

/** Reads a `<User>` or `<user>` element; children in any order. Requires loginId and state. */
export function readUser(el: Element): UserInfo {
  if (el.getName().toLowerCase() !== "user") throw new FinesseParseError("bad-root", `expected <User>, got <${el.name}>`);
  const loginId = childText(el, "loginId");
  const state = childText(el, "state");
  if (!loginId) throw new FinesseParseError("missing-field", "<User> without <loginId>");
  if (state === undefined) throw new FinesseParseError("missing-field", `<User> ${loginId} without <state>`);
  const roles = childElement(el, "roles")?.getChildElements().map((r) => r.getText().trim()) ?? [];
  const teams = (childElement(el, "teams")?.getChildElements() ?? []).map((tm) => ({ id: childText(tm, "id") ?? "", name: childText(tm, "name") ?? "" }));
  return {
    loginId,
    loginName: childText(el, "loginName") ?? "",
    firstName: childText(el, "firstName") ?? "",
    lastName: childText(el, "lastName") ?? "",
    extension: childText(el, "extension") ?? "",
    state,
    pendingState: childText(el, "pendingState") ?? "",
    reasonCodeId: childText(el, "reasonCodeId"),
    reasonCode: readReasonCode(childElement(el, "ReasonCode")),
    stateChangeTime: childText(el, "stateChangeTime") ?? "",
    teamId: childText(el, "teamId") ?? "",
    teamName: childText(el, "teamName") ?? "",
    roles,
    teams,
    mediaType: childText(el, "mediaType") ?? "",
    uri: childText(el, "uri") ?? userNode(loginId),
  };
}
