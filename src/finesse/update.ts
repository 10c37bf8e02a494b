// `<Update>` notifications: the escaped, pretty-printed payload of pubsub events (Finesse developer guide,
// "About Cisco Finesse Notifications", "Notification Parameters"; Finesse 12.5 events captured in
// github.com/pokornyIt/finesse-api, XMPP/*.xml).
import { parse, xml, XmlError, type Element } from "../xml/index.ts";
import { NS_PUSH, eventMessage, readPubsubEvent } from "../xmpp/index.ts";
import { readApiErrors, type ApiErrorInfo } from "./api-errors.ts";
import { FinesseParseError } from "./errors.ts";
import { prettyXml } from "./pretty.ts";
import { readSystemInfo, type SystemInfo } from "./system-info.ts";
import { readTeam, readTeamMember, type Team, type TeamMember } from "./team.ts";
import { childElement, childText, readUser, type UserInfo } from "./user.ts";

/** Fields common to every update. `event` is upper-cased (PUT, POST, DELETE); `requestId` is "" when unsolicited. */
interface UpdateBase {
  event: string;
  requestId: string;
  source: string;
}
export interface UserUpdate extends UpdateBase { kind: "user"; user: UserInfo }
export interface ApiErrorUpdate extends UpdateBase { kind: "api-error"; errors: ApiErrorInfo[] }
export interface SystemInfoUpdate extends UpdateBase { kind: "system-info"; systemInfo: SystemInfo }
/** A Team/{id}/Users event: either one member summary (`<user>`) or the whole team (`<team>`). */
export interface TeamUserUpdate extends UpdateBase { kind: "team-user"; member: TeamMember | undefined; team: Team | undefined }
export interface GenericUpdate extends UpdateBase { kind: "other"; data: Element | undefined }
export type FinesseUpdate = UserUpdate | ApiErrorUpdate | SystemInfoUpdate | TeamUserUpdate | GenericUpdate;

/** Parses the (already unescaped) `<Update>` XML. */
export function parseUpdate(text: string): FinesseUpdate {
  let el: Element;
  try {
    el = parse(text.trim());
  } catch (e) {
    throw new FinesseParseError("bad-xml", `notification payload is not XML: ${e instanceof XmlError ? e.message : String(e)}`, { cause: e });
  }
  return readUpdate(el);
}

export function readUpdate(el: Element): FinesseUpdate {
  if (el.getName() !== "Update") throw new FinesseParseError("bad-root", `expected <Update>, got <${el.name}>`);
  const base: UpdateBase = {
    event: (childText(el, "event") ?? "").toUpperCase(),
    requestId: childText(el, "requestId") ?? "",
    source: childText(el, "source") ?? "",
  };
  const data = childElement(el, "data")?.getChildElements()[0];
  if (!data) return { kind: "other", data: undefined, ...base };
  const name = data.getName();
  const lower = name.toLowerCase();
  if (lower === "apierrors") return { kind: "api-error", errors: readApiErrors(data), ...base };
  if (lower === "systeminfo") return { kind: "system-info", systemInfo: readSystemInfo(data), ...base };
  if (lower === "team") return { kind: "team-user", member: undefined, team: readTeam(data), ...base };
  if (lower === "user") {
    // A Team/{id}/Users summary carries no roles/loginName; the source names the user either way.
    if (childElement(data, "roles") === undefined && childElement(data, "loginName") === undefined && childElement(data, "teamId") === undefined) {
      return { kind: "team-user", member: readTeamMember(data), team: undefined, ...base };
    }
    return { kind: "user", user: readUser(data), ...base };
  }
  return { kind: "other", data, ...base };
}

export interface UpdateFields {
  /** The new representation; undefined for an empty `<data/>` (deleted objects). */
  data: Element | undefined;
  event: "PUT" | "POST" | "DELETE" | "put";
  requestId: string;
  source: string;
}

/**
 * The pretty-printed `<Update>` text, children in the captured orders: data, event, requestId, source for
 * updates; data, requestId, source, event for error events (event "put") (Finesse 12.5 captures in
 * pokornyIt/finesse-api, XMPP/login.xml and XMPP/error-invalid-state.xml).
 */
export function updateText(u: UpdateFields): string {
  const data = xml("data", {}, u.data ?? null);
  const event = xml("event", {}, u.event);
  const requestId = xml("requestId", {}, u.requestId);
  const source = xml("source", {}, u.source);
  const el = u.event === "put" ? xml("Update", {}, data, requestId, source, event) : xml("Update", {}, data, event, requestId, source);
  return prettyXml(el);
}

export interface FinesseNotification {
  node: string;
  itemId: string;
  messageId: string | undefined;
  from: string | undefined;
  to: string | undefined;
  /** The notification text, unescaped. */
  payload: string;
}

/** The Update text of an item's payload element (`notification` in any namespace, or whatever came first). */
export function payloadText(payload: Element | undefined): string {
  if (!payload) throw new FinesseParseError("not-an-event", "pubsub item without a payload element");
  return payload.getText();
}

/**
 * Reads a Finesse event message (XEP-0060 §7.1.2 via src/xmpp): node, item id and the text of the
 * item's payload, located as `notification` in any namespace or else the item's first child.
 * Returns undefined for messages that carry no pubsub event.
 */
export function readNotification(msg: Element): FinesseNotification | undefined {
  const ev = readPubsubEvent(msg);
  if (!ev) return undefined;
  if (ev.node === "") throw new FinesseParseError("not-an-event", "pubsub event without <items node=…>");
  const item = ev.items[0];
  if (!item) throw new FinesseParseError("not-an-event", `pubsub event for ${ev.node} without an <item>`);
  return { node: ev.node, itemId: item.id, messageId: msg.attrs.id, from: msg.attrs.from, to: msg.attrs.to, payload: payloadText(item.payload) };
}

export interface NotificationEnvelope {
  /** The pubsub service JID. */
  from: string;
  to: string;
  id: string;
  node: string;
  itemId: string;
  /** Namespace of `notification` (urn:xmpp:push:0 by default). */
  notificationNs?: string;
  updateText: string;
}

/**
 * The event message as Finesse 12.5 sends it: no type, one item, escaped payload text (captured in
 * pokornyIt/finesse-api, XMPP/login.xml).
 */
export function notificationMessage(e: NotificationEnvelope): Element {
  return eventMessage({ from: e.from, to: e.to, id: e.id }, e.node, [
    { id: e.itemId, payload: xml("notification", { xmlns: e.notificationNs ?? NS_PUSH }, e.updateText) },
  ]);
}
