// Role-neutral builders and readers for iq, presence and message stanzas (RFC 6120 §8, RFC 6121 §4–5).
// Every top-level stanza is qualified with jabber:client: with RFC 7395 framing no default namespace is
// inherited from <open/>, and strict servers close the stream otherwise.
import { xml, type Element, type Node } from "../xml/index.ts";
import { ProtocolError, StanzaError, type StanzaErrorCondition, type StanzaErrorType } from "./errors.ts";
import { NS_CLIENT } from "./ns.ts";

export type IqType = "get" | "set" | "result" | "error";
export type PresenceType = "unavailable" | "subscribe" | "subscribed" | "unsubscribe" | "unsubscribed" | "probe" | "error";
export type MessageType = "chat" | "error" | "groupchat" | "headline" | "normal";

type Child = Node | null | undefined | false;

export interface StanzaAttrs {
  to?: string | undefined;
  from?: string | undefined;
  id?: string | undefined;
  "xml:lang"?: string | undefined;
}

export function iq(attrs: StanzaAttrs & { type: IqType; id: string }, ...children: Child[]): Element {
  return xml("iq", { xmlns: NS_CLIENT, ...attrs }, ...children);
}

export function presence(attrs: StanzaAttrs & { type?: PresenceType | undefined } = {}, ...children: Child[]): Element {
  return xml("presence", { xmlns: NS_CLIENT, ...attrs }, ...children);
}

export function message(attrs: StanzaAttrs & { type?: MessageType | undefined } = {}, ...children: Child[]): Element {
  return xml("message", { xmlns: NS_CLIENT, ...attrs }, ...children);
}

/** A `type="result"` reply to an iq: same id, to/from swapped (RFC 6120 §8.2.3). */
export function resultOf(request: Element, ...children: Child[]): Element {
  const a = request.attrs;
  return iq({ type: "result", id: a.id ?? "", to: a.from, from: a.to }, ...children);
}

/** An error reply to any stanza: same name and id, to/from swapped, `<error/>` child (RFC 6120 §8.3.1). */
export function errorReplyOf(
  request: Element,
  error: StanzaError | { condition: StanzaErrorCondition; type?: StanzaErrorType; text?: string },
): Element {
  const e = error instanceof StanzaError ? error : new StanzaError(error.condition, error.type ?? "cancel", error.text);
  const a = request.attrs;
  return xml(request.getName(), { xmlns: NS_CLIENT, type: "error", id: a.id, to: a.from, from: a.to }, e.toElement());
}

export interface IqInfo {
  el: Element;
  type: IqType;
  id: string;
  from: string | undefined;
  to: string | undefined;
  /** The first child element other than `<error/>`; get/set carry exactly one (RFC 6120 §8.2.3). */
  payload: Element | undefined;
}

const IQ_TYPES: ReadonlySet<string> = new Set(["get", "set", "result", "error"]);

/** Reads an iq; throws `ProtocolError("bad-stanza")` when id or type is missing or invalid, or get/set has no payload. */
export function readIq(el: Element): IqInfo {
  const a = el.attrs;
  const id = a.id;
  const type = a.type;
  if (id === undefined || id === "") throw new ProtocolError("bad-stanza", "iq without an id", el.toString());
  if (type === undefined || !IQ_TYPES.has(type)) {
    throw new ProtocolError("bad-stanza", `iq with type ${JSON.stringify(type ?? "")} (expected get, set, result or error)`, el.toString());
  }
  let payload: Element | undefined;
  for (const child of el.children) {
    if (typeof child !== "string" && child.name !== "error") {
      payload = child;
      break;
    }
  }
  if ((type === "get" || type === "set") && payload === undefined) {
    throw new ProtocolError("bad-stanza", `iq ${type} without a payload element`, el.toString());
  }
  return { el, type: type as IqType, id, from: a.from, to: a.to, payload };
}

export interface PresenceInfo {
  el: Element;
  /** "available" when the type attribute is absent (RFC 6121 §4.7.1). */
  type: PresenceType | "available";
  from: string | undefined;
  to: string | undefined;
  id: string | undefined;
  show: string | undefined;
  status: string | undefined;
  priority: number;
}

/** Reads a presence; unknown types are reported as given so callers can ignore them. */
export function readPresence(el: Element): PresenceInfo {
  const a = el.attrs;
  const prio = el.getChildText("priority");
  const priority = prio === null ? 0 : Number.parseInt(prio, 10);
  return {
    el,
    type: (a.type ?? "available") as PresenceType | "available",
    from: a.from,
    to: a.to,
    id: a.id,
    show: el.getChildText("show") ?? undefined,
    status: el.getChildText("status") ?? undefined,
    priority: Number.isFinite(priority) ? priority : 0,
  };
}

export interface MessageInfo {
  el: Element;
  /** "normal" when the type attribute is absent (RFC 6121 §5.2.2). */
  type: string;
  from: string | undefined;
  to: string | undefined;
  id: string | undefined;
  body: string | undefined;
}

export function readMessage(el: Element): MessageInfo {
  const a = el.attrs;
  return { el, type: a.type ?? "normal", from: a.from, to: a.to, id: a.id, body: el.getChildText("body") ?? undefined };
}
