// SASL PLAIN (RFC 4616) over XMPP (RFC 6120 §6). Base64 goes through a port so the code runs under k6
// and Node alike.
import { xml, type Element } from "../xml/index.ts";
import { SaslError } from "./errors.ts";
import { NS_SASL } from "./ns.ts";
import type { Base64 } from "./ports.ts";

export interface PlainCredentials {
  /** Authorization identity; omitted or "" gives the `\0authcid\0password` form. Strophe sends the bare JID. */
  authzid?: string | undefined;
  /** Authentication identity (the username, e.g. the Finesse agent ID). */
  authcid: string;
  password: string;
}

/** The PLAIN message: `authzid \0 authcid \0 password` (RFC 4616 §2). */
export function plainMessage(c: PlainCredentials): string {
  return `${c.authzid ?? ""}\u0000${c.authcid}\u0000${c.password}`;
}

/** `<auth mechanism="PLAIN">` with the base64 message (RFC 6120 §6.4.2). */
export function plainAuth(c: PlainCredentials, base64: Base64): Element {
  return xml("auth", { xmlns: NS_SASL, mechanism: "PLAIN" }, base64.encode(plainMessage(c)));
}

/** Mechanism names offered in a `<stream:features>` element (empty when SASL is not offered). */
export function offeredMechanisms(features: Element): string[] {
  const mechanisms = features.getChild("mechanisms", NS_SASL);
  if (!mechanisms) return [];
  return mechanisms.getChildren("mechanism").map((m) => m.getText().trim());
}

export interface PlainIdentity {
  /** Equals `authcid` when the client sent none. May be a JID (Strophe sends `user@domain`). */
  authzid: string;
  authcid: string;
  password: string;
}

/**
 * Server side: decodes a PLAIN message with Openfire's token rules (SaslServerPlainImpl): split on NUL,
 * drop empty tokens; 3 tokens are authzid, authcid, password; 2 tokens are authcid, password (authzid =
 * authcid). Anything else fails with `malformed-request`.
 */
export function decodePlain(payload: string, base64: Base64): PlainIdentity {
  const text = payload.trim();
  if (text === "" || text === "=") throw new SaslError("malformed-request", "empty PLAIN response");
  let raw: string;
  try {
    raw = base64.decode(text);
  } catch (e) {
    throw new SaslError("incorrect-encoding", `PLAIN response is not base64 (${e instanceof Error ? e.message : String(e)})`);
  }
  return parsePlain(raw);
}

/** The token rules of `decodePlain`, on the decoded message. */
export function parsePlain(raw: string): PlainIdentity {
  const tokens = raw.split("\u0000").filter((t) => t !== "");
  if (tokens.length === 3) return { authzid: tokens[0]!, authcid: tokens[1]!, password: tokens[2]! };
  if (tokens.length === 2) return { authzid: tokens[0]!, authcid: tokens[0]!, password: tokens[1]! };
  throw new SaslError("malformed-request", `PLAIN response has ${tokens.length} non-empty fields (expected 2 or 3)`);
}

/** The user an authzid names: the localpart when it is a JID (`user@domain`), else the whole string. */
export function authzidUser(authzid: string): string {
  const at = authzid.indexOf("@");
  return at < 0 ? authzid : authzid.slice(0, at);
}

export interface AuthRequest {
  mechanism: string;
  /** The base64 text content ("" when empty). */
  payload: string;
}

/** Server side: reads a client `<auth>` element. */
export function readAuth(el: Element): AuthRequest {
  if (!el.is("auth", NS_SASL)) throw new SaslError("malformed-request", `expected <auth xmlns="${NS_SASL}">, got <${el.name}>`);
  const mechanism = el.attrs.mechanism;
  if (!mechanism) throw new SaslError("invalid-mechanism", "<auth> without a mechanism attribute");
  return { mechanism, payload: el.getText() };
}

/** Server side: `<success/>` (RFC 6120 §6.4.6). */
export function saslSuccess(): Element {
  return xml("success", { xmlns: NS_SASL });
}

/** Server side: `<mechanisms>` feature listing the given mechanisms. */
export function mechanismsFeature(names: readonly string[]): Element {
  return xml("mechanisms", { xmlns: NS_SASL }, ...names.map((n) => xml("mechanism", {}, n)));
}
