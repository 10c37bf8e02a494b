// Publish-subscribe (XEP-0060): request builders and result readers for both roles, and extraction of
// event notifications from <message> stanzas (§7.1.2.1). Payloads are returned as elements whatever
// their namespace (Finesse uses `notification` in urn:xmpp:push:0 or the pubsub namespace).
import { xml, type Element } from "../xml/index.ts";
import { ProtocolError } from "./errors.ts";
import { NS_PUBSUB, NS_PUBSUB_EVENT } from "./ns.ts";
import { iq, message, type StanzaAttrs } from "./stanza.ts";

export interface PubsubTarget {
  id: string;
  /** The pubsub service JID, e.g. `pubsub.<domain>`. */
  to: string;
  node: string;
  /** Sender; optional (the server stamps it). */
  from?: string;
}

/** Subscribe `jid` (the full JID, as Finesse asks of explicit subscriptions) to `node` (§6.1.1). */
export function subscribeRequest(t: PubsubTarget & { jid: string }): Element {
  return iq({ type: "set", id: t.id, to: t.to, from: t.from }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("subscribe", { node: t.node, jid: t.jid })));
}

/** Unsubscribe `jid` from `node` (§6.2.1). */
export function unsubscribeRequest(t: PubsubTarget & { jid: string; subid?: string }): Element {
  return iq(
    { type: "set", id: t.id, to: t.to, from: t.from },
    xml("pubsub", { xmlns: NS_PUBSUB }, xml("unsubscribe", { node: t.node, jid: t.jid, subid: t.subid })),
  );
}

/** Retrieve own subscriptions, all or for one node (§5.6). */
export function subscriptionsRequest(t: Omit<PubsubTarget, "node"> & { node?: string }): Element {
  return iq({ type: "get", id: t.id, to: t.to, from: t.from }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("subscriptions", { node: t.node })));
}

/** Publish one item (§7.1.1); `itemId` omitted lets the service pick one. */
export function publishRequest(t: PubsubTarget & { payload: Element; itemId?: string }): Element {
  return iq(
    { type: "set", id: t.id, to: t.to, from: t.from },
    xml("pubsub", { xmlns: NS_PUBSUB }, xml("publish", { node: t.node }, xml("item", { id: t.itemId }, t.payload))),
  );
}

/** Create a node with the service's default configuration (§8.1.1). */
export function createNodeRequest(t: PubsubTarget): Element {
  return iq({ type: "set", id: t.id, to: t.to, from: t.from }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("create", { node: t.node })));
}

/** Retrieve items of a node (§6.5.2), optionally the last `maxItems`. */
export function itemsRequest(t: PubsubTarget & { maxItems?: number }): Element {
  return iq(
    { type: "get", id: t.id, to: t.to, from: t.from },
    xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node: t.node, max_items: t.maxItems === undefined ? undefined : String(t.maxItems) })),
  );
}

export interface Subscription {
  node: string;
  jid: string;
  /** none | pending | subscribed | unconfigured */
  subscription: string;
  subid: string | undefined;
}

function readSub(el: Element): Subscription {
  return { node: el.attrs.node ?? "", jid: el.attrs.jid ?? "", subscription: el.attrs.subscription ?? "", subid: el.attrs.subid || undefined };
}

/**
 * The subscription in a subscribe result (§6.1.2). A result without `<subscription/>` is allowed
 * (the request's node and jid are then assumed subscribed), as some services send an empty result.
 */
export function readSubscribeResult(reply: Element, requested: { node: string; jid: string }): Subscription {
  const sub = reply.getChild("pubsub", NS_PUBSUB)?.getChild("subscription");
  if (!sub) return { node: requested.node, jid: requested.jid, subscription: "subscribed", subid: undefined };
  return readSub(sub);
}

/** The subscriptions in a subscriptions result (§5.6.2). */
export function readSubscriptions(reply: Element): Subscription[] {
  const subs = reply.getChild("pubsub", NS_PUBSUB)?.getChild("subscriptions");
  if (!subs) throw new ProtocolError("bad-reply", "subscriptions result without <subscriptions/>", reply.toString());
  return subs.getChildren("subscription").map(readSub);
}

/** Item ids the service reports in a publish result (§7.1.2); may be empty. */
export function readPublishResult(reply: Element): string[] {
  const publish = reply.getChild("pubsub", NS_PUBSUB)?.getChild("publish");
  if (!publish) return [];
  return publish.getChildren("item").map((i) => i.attrs.id ?? "").filter((id) => id !== "");
}

export interface PubsubItem {
  /** "" when the item has no id. */
  id: string;
  /** The item's first child element, any namespace; undefined for a notification without payload. */
  payload: Element | undefined;
}

export interface PubsubEvent {
  node: string;
  items: PubsubItem[];
  /** Item ids retracted in this event (§7.2.2.1). */
  retracted: string[];
}

/** The pubsub event a `<message>` carries, or undefined when it carries none (§7.1.2.1). */
export function readPubsubEvent(msg: Element): PubsubEvent | undefined {
  const event = msg.getChild("event", NS_PUBSUB_EVENT);
  if (!event) return undefined;
  const itemsEl = event.getChild("items");
  if (!itemsEl) return { node: "", items: [], retracted: [] };
  const items: PubsubItem[] = [];
  const retracted: string[] = [];
  for (const child of itemsEl.children) {
    if (typeof child === "string") continue;
    if (child.name === "item") {
      let payload: Element | undefined;
      for (const c of child.children) {
        if (typeof c !== "string") {
          payload = c;
          break;
        }
      }
      items.push({ id: child.attrs.id ?? "", payload });
    } else if (child.name === "retract") retracted.push(child.attrs.id ?? "");
  }
  return { node: itemsEl.attrs.node ?? "", items, retracted };
}

/** Server side: what a pubsub iq asks for. */
export type PubsubRequest =
  | { action: "subscribe"; node: string; jid: string }
  | { action: "unsubscribe"; node: string; jid: string; subid: string | undefined }
  | { action: "subscriptions"; node: string | undefined }
  | { action: "publish"; node: string; itemId: string | undefined; payload: Element | undefined }
  | { action: "items"; node: string; maxItems: number | undefined };

/** Server side: reads a pubsub request iq; throws `ProtocolError("bad-stanza")` naming what is missing. */
export function readPubsubRequest(request: Element): PubsubRequest {
  const pubsub = request.getChild("pubsub", NS_PUBSUB);
  const op = pubsub?.getChildElements()[0];
  if (!op) throw new ProtocolError("bad-stanza", "iq without <pubsub/> operation", request.toString());
  const a = op.attrs;
  const need = (name: string): string => {
    const v = a[name];
    if (!v) throw new ProtocolError("bad-stanza", `pubsub <${op.name}/> without ${name}`, request.toString());
    return v;
  };
  switch (op.name) {
    case "subscribe":
      return { action: "subscribe", node: need("node"), jid: need("jid") };
    case "unsubscribe":
      return { action: "unsubscribe", node: need("node"), jid: need("jid"), subid: a.subid || undefined };
    case "subscriptions":
      return { action: "subscriptions", node: a.node || undefined };
    case "publish": {
      const item = op.getChild("item");
      return { action: "publish", node: need("node"), itemId: item?.attrs.id || undefined, payload: item?.getChildElements()[0] };
    }
    case "items": {
      const max = a.max_items === undefined ? undefined : Number.parseInt(a.max_items, 10);
      return { action: "items", node: need("node"), maxItems: max !== undefined && Number.isFinite(max) ? max : undefined };
    }
    default:
      throw new ProtocolError("bad-stanza", `unsupported pubsub operation <${op.name}/>`, request.toString());
  }
}

/** Server side: the `<pubsub><subscription/></pubsub>` payload of a subscribe result. */
export function subscriptionElement(s: Subscription): Element {
  return xml("pubsub", { xmlns: NS_PUBSUB }, xml("subscription", { node: s.node, jid: s.jid, subscription: s.subscription, subid: s.subid }));
}

/** Server side: the `<pubsub><subscriptions>…</subscriptions></pubsub>` payload of a subscriptions result. */
export function subscriptionsElement(subs: readonly Subscription[], node?: string): Element {
  return xml(
    "pubsub",
    { xmlns: NS_PUBSUB },
    xml("subscriptions", { node }, ...subs.map((s) => xml("subscription", { node: s.node, jid: s.jid, subscription: s.subscription, subid: s.subid }))),
  );
}

/** Server side: an event notification message (§7.1.2.1). Finesse sends it without a type attribute. */
export function eventMessage(attrs: StanzaAttrs & { type?: "headline" | "normal" }, node: string, items: readonly PubsubItem[]): Element {
  return message(
    attrs,
    xml("event", { xmlns: NS_PUBSUB_EVENT }, xml("items", { node }, ...items.map((i) => xml("item", { id: i.id || undefined }, i.payload)))),
  );
}
