// Resource binding (RFC 6120 §7) and session establishment (RFC 3921 §3), both roles.
import { xml, type Element } from "../xml/index.ts";
import { ProtocolError } from "./errors.ts";
import { parseJid } from "./jid.ts";
import { NS_BIND, NS_SESSION } from "./ns.ts";
import { iq, resultOf } from "./stanza.ts";
import { randomToken } from "./ids.ts";

/** "desktop" is reserved for the Finesse desktop; a virtual agent that takes it kicks the agent's real session. */
export const RESERVED_FINESSE_RESOURCE = "desktop";

/** A default resource for a virtual agent: `vagent-` and 8 random alphanumerics. */
export function defaultResource(random: () => number = Math.random): string {
  return `vagent-${randomToken(8, random)}`;
}

/** `<iq type="set"><bind><resource>…</resource></bind></iq>` (RFC 6120 §7.6.1). */
export function bindRequest(id: string, resource?: string): Element {
  return iq({ type: "set", id }, xml("bind", { xmlns: NS_BIND }, resource ? xml("resource", {}, resource) : undefined));
}

/** The full JID from a bind result; throws `ProtocolError("bad-reply")` when it is missing or malformed. */
export function readBindResult(reply: Element): string {
  const text = reply.getChild("bind", NS_BIND)?.getChildText("jid")?.trim();
  if (!text) throw new ProtocolError("bad-reply", "bind result without <jid/>", reply.toString());
  let jid;
  try {
    jid = parseJid(text);
  } catch (e) {
    throw new ProtocolError("bad-reply", `bind result has a malformed JID (${e instanceof Error ? e.message : String(e)})`, reply.toString());
  }
  if (!jid.local || !jid.resource) throw new ProtocolError("bad-reply", `bind result ${JSON.stringify(text)} is not a full JID`, reply.toString());
  return text;
}

/** Server side: the requested resource of a bind iq ("" when the client asks the server to pick one). */
export function readBindRequest(request: Element): string {
  const bind = request.getChild("bind", NS_BIND);
  if (!bind) throw new ProtocolError("bad-stanza", "iq is not a bind request", request.toString());
  return bind.getChildText("resource")?.trim() ?? "";
}

/** Server side: the bind result carrying the full JID. */
export function bindResult(request: Element, fullJid: string): Element {
  return resultOf(request, xml("bind", { xmlns: NS_BIND }, xml("jid", {}, fullJid)));
}

/** Stream feature `<bind/>`. */
export function bindFeature(): Element {
  return xml("bind", { xmlns: NS_BIND });
}

/** Stream feature `<session><optional/></session>` (RFC 3921 §3, as Openfire and Prosody advertise it). */
export function sessionFeature(): Element {
  return xml("session", { xmlns: NS_SESSION }, xml("optional", {}));
}

/** `<iq type="set"><session/></iq>` (RFC 3921 §3). */
export function sessionRequest(id: string): Element {
  return iq({ type: "set", id }, xml("session", { xmlns: NS_SESSION }));
}

/** Which post-authentication features a `<stream:features>` element advertises. */
export function boundFeatures(features: Element): { bind: boolean; session: boolean } {
  return { bind: features.getChild("bind", NS_BIND) !== undefined, session: features.getChild("session", NS_SESSION) !== undefined };
}
