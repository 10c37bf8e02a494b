// XEP-0060 requests to the pubsub service: subscribe, unsubscribe, retrieve subscriptions, with Finesse's
// authorization (own nodes; supervisors also their team's Team/{id}/Users node).
import { xml, type Element } from "../xml/index.ts";
import { parseNode, SYSTEM_INFO_NODE, dialogsNode, userNode } from "../finesse/index.ts";
import {
  ProtocolError, StanzaError, errorReplyOf, iq, readPubsubRequest, subscriptionElement, subscriptionsElement, tryParseJid,
  type PubsubRequest,
} from "../xmpp/index.ts";
import type { Hub } from "./hub.ts";
import type { SimUser } from "./population.ts";
import type { FinesseService } from "./service.ts";

export const NS_PUBSUB_ERRORS = "http://jabber.org/protocol/pubsub#errors";

export interface PubsubRequester {
  user: SimUser;
  local: string;
  bareJid: string;
  fullJid: string;
}

function pubsubError(condition: string, type: "cancel" | "modify" | "auth", specific?: string, text?: string): StanzaError {
  return new StanzaError(condition, type, text, specific ? xml(specific, { xmlns: NS_PUBSUB_ERRORS }) : undefined);
}

/** Why `who` may not subscribe to `node`, or undefined when allowed. */
function refusal(node: string, who: SimUser, service: FinesseService): StanzaError | undefined {
  const ref = parseNode(node);
  switch (ref.kind) {
    case "system-info":
      return undefined;
    case "user":
    case "dialogs":
    case "media": {
      const target = service.user(ref.userId);
      if (!target) return pubsubError("item-not-found", "cancel", undefined, `no node ${node}`);
      return target === who ? undefined : pubsubError("forbidden", "auth", undefined, `${who.id} may not subscribe to ${node}`);
    }
    case "team-users":
      if (!service.population.teams.has(ref.teamId)) return pubsubError("item-not-found", "cancel", undefined, `no node ${node}`);
      return service.supervisesTeam(who, ref.teamId) ? undefined : pubsubError("forbidden", "auth", undefined, `${who.id} does not supervise team ${ref.teamId}`);
    case "other":
      return pubsubError("item-not-found", "cancel", undefined, `no node ${node}`);
  }
}

/** Answers one iq addressed to the pubsub service. */
export function handlePubsub(req: Element, from: PubsubRequester, hub: Hub, service: FinesseService): Element {
  const type = req.attrs.type;
  const reply = (...children: Element[]) => iq({ type: "result", id: req.attrs.id ?? "", from: req.attrs.to, to: from.fullJid }, ...children);
  const fail = (e: StanzaError) => errorReplyOf(withFrom(req, from.fullJid), e);
  let op: PubsubRequest;
  try {
    op = readPubsubRequest(req);
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    const unsupported = /unsupported pubsub operation <([^/>]+)/.exec(e.message)?.[1];
    if (unsupported) {
      return fail(new StanzaError("feature-not-implemented", "cancel", `pubsub ${unsupported} is not supported`,
        xml("unsupported", { xmlns: NS_PUBSUB_ERRORS, feature: unsupported })));
    }
    return fail(pubsubError("bad-request", "modify", /without node/.test(e.message) ? "nodeid-required" : undefined, e.message.replace(/ in ".*$/s, "")));
  }
  if (type === "set" && (op.action === "subscribe" || op.action === "unsubscribe")) {
    const { node, jid } = op;
    const parsed = tryParseJid(jid);
    if (!parsed || parsed.local.toLowerCase() !== from.local) return fail(pubsubError("bad-request", "modify", "invalid-jid", `jid ${JSON.stringify(jid)} is not yours`));
    if (op.action === "subscribe") {
      const why = refusal(node, from.user, service);
      if (why) return fail(why);
      hub.subscribe(node, jid);
      const payload = subscriptionElement({ node, jid, subscription: "subscribed", subid: undefined });
      payload.getChild("subscription")?.c("subscribe-options"); // as Openfire's NodeSubscription sends it
      return reply(payload);
    }
    if (!hub.unsubscribe(node, jid)) {
      const why = refusal(node, from.user, service);
      return fail(why ?? pubsubError("unexpected-request", "cancel", "not-subscribed"));
    }
    return reply();
  }
  if (type === "get" && op.action === "subscriptions") {
    const node = op.node;
    const subs = [userNode(from.user.id), dialogsNode(from.user.id), SYSTEM_INFO_NODE]
      .map((n) => ({ node: n, jid: from.bareJid }))
      .concat(hub.subscriptionsOf(from.local).map((s) => ({ node: s.node, jid: s.jid })))
      .filter((s) => node === undefined || s.node === node)
      .map((s) => ({ ...s, subscription: "subscribed", subid: undefined }));
    return reply(subscriptionsElement(subs, node));
  }
  return fail(new StanzaError("feature-not-implemented", "cancel", `pubsub ${type} ${op.action} is not supported`,
    xml("unsupported", { xmlns: NS_PUBSUB_ERRORS, feature: op.action })));
}

// Replies go to the session's full JID even when the request carried no from (RFC 6120 §8.1.2.1).
function withFrom(req: Element, full: string): Element {
  if (req.attrs.from) return req;
  const copy = xml(req.name, { ...req.attrs, from: full });
  return copy;
}
