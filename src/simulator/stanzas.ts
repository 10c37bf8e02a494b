// Stanzas of a bound session: iq to the server (ping, session, roster, disco), iq to the pubsub service,
// broadcast presence (RFC 6120 §8, RFC 6121, XEP-0030, XEP-0060, XEP-0199).
import { xml, type Element } from "../xml/index.ts";
import { NS_BIND, NS_PING, NS_PUBSUB, NS_ROSTER, NS_SESSION, errorReplyOf, iq, isPing, readPresence, type StanzaErrorCondition } from "../xmpp/index.ts";
import { handlePubsub } from "./pubsub.ts";
import type { XmppEndpoint, XmppSession } from "./xmpp-session.ts";

const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
const NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

export function handleStanza(s: XmppSession, el: Element, ep: XmppEndpoint): void {
  if (el.name === "presence") return onPresence(s, el);
  if (el.name === "iq") return onIq(s, el, ep);
  // Messages to other entities are not routed by the simulator; Finesse clients send none.
}

function onPresence(s: XmppSession, el: Element): void {
  if (el.attrs.to !== undefined) return; // directed presence and subscription requests: nothing to do
  const p = readPresence(el);
  if (p.type === "available") s.setAvailable(p.priority >= 0);
  else if (p.type === "unavailable") s.setAvailable(false);
}

function onIq(s: XmppSession, el: Element, ep: XmppEndpoint): void {
  const type = el.attrs.type;
  const id = el.attrs.id;
  if (type === "result" || type === "error") return; // replies to nothing we asked
  const request = el.attrs.from ? el : xml("iq", { ...el.attrs, from: s.fullJid }, ...el.children);
  if ((type !== "get" && type !== "set") || !id) {
    s.send(errorReplyOf(request, { condition: "bad-request", type: "modify", text: "iq needs an id and type get or set" }).toString());
    return;
  }
  const payload = el.getChildElements()[0];
  if (!payload) {
    s.send(errorReplyOf(request, { condition: "bad-request", type: "modify", text: `iq ${type} without a payload` }).toString());
    return;
  }
  const to = el.attrs.to?.toLowerCase();
  const ns = payload.attrs.xmlns;
  const result = (...children: Element[]) => s.send(iq({ type: "result", id, from: el.attrs.to, to: s.fullJid }, ...children).toString());
  const fail = (condition: StanzaErrorCondition, errType: "cancel" | "modify" = "cancel") => s.send(errorReplyOf(request, { condition, type: errType }).toString());

  if (to === ep.pubsubDomain.toLowerCase()) {
    if (ns === NS_PUBSUB) {
      s.send(handlePubsub(request, { user: s.user!, local: s.local, bareJid: s.bareJid, fullJid: s.fullJid }, ep.hub, ep.service).toString());
      return;
    }
    if (isPing(el)) return result();
    if (ns === NS_DISCO_INFO && type === "get") {
      return result(xml("query", { xmlns: NS_DISCO_INFO }, xml("identity", { category: "pubsub", type: "service", name: "Publish-Subscribe service" }),
        xml("feature", { var: NS_PUBSUB }), xml("feature", { var: `${NS_PUBSUB}#subscribe` }), xml("feature", { var: `${NS_PUBSUB}#retrieve-subscriptions` })));
    }
    return fail("feature-not-implemented");
  }
  const toServer = to === undefined || to === ep.domain.toLowerCase() || to === s.bareJid || to === s.fullJid.toLowerCase();
  if (!toServer) return fail("service-unavailable");
  if (isPing(el)) return result();
  if (ns === NS_SESSION && type === "set") return result();
  if (ns === NS_ROSTER) {
    if (type === "set") return result();
    return result(xml("query", { xmlns: NS_ROSTER }, xml("item", { jid: `finesse@${ep.domain}`, name: "finesse", subscription: "both" })));
  }
  if (ns === NS_DISCO_INFO && type === "get") {
    return result(xml("query", { xmlns: NS_DISCO_INFO }, xml("identity", { category: "server", type: "im", name: "Openfire Server" }),
      xml("feature", { var: NS_DISCO_INFO }), xml("feature", { var: NS_DISCO_ITEMS }), xml("feature", { var: NS_PING }), xml("feature", { var: NS_ROSTER })));
  }
  if (ns === NS_DISCO_ITEMS && type === "get") {
    return result(xml("query", { xmlns: NS_DISCO_ITEMS }, xml("item", { jid: ep.pubsubDomain, name: "Publish-Subscribe service" })));
  }
  if (ns === NS_BIND) return fail("not-allowed");
  fail("service-unavailable");
}
