// JIDs: localpart@domainpart/resourcepart (RFC 7622 §3). No stringprep/PRECIS profile is applied
// beyond lower-casing localpart and domain for comparison, which is what the servers we target do.
import { JidError } from "./errors.ts";

export interface Jid {
  /** "" when absent. */
  readonly local: string;
  readonly domain: string;
  /** "" when absent. */
  readonly resource: string;
}

const MAX_PART = 1023; // RFC 7622 §3.2–3.4: each part at most 1023 octets (checked in UTF-16 units here).

/** Parses a JID string; throws `JidError` naming what is wrong. */
export function parseJid(input: string): Jid {
  const r = tryParse(input);
  if (typeof r === "string") throw new JidError(input, r);
  return r;
}

/** Like `parseJid` but returns undefined instead of throwing (for untrusted attributes on hot paths). */
export function tryParseJid(input: string | undefined): Jid | undefined {
  if (input === undefined) return undefined;
  const r = tryParse(input);
  return typeof r === "string" ? undefined : r;
}

function tryParse(input: string): Jid | string {
  const slash = input.indexOf("/");
  const head = slash < 0 ? input : input.slice(0, slash);
  const resource = slash < 0 ? "" : input.slice(slash + 1);
  const at = head.indexOf("@");
  const local = at < 0 ? "" : head.slice(0, at);
  const domain = at < 0 ? head : head.slice(at + 1);
  if (domain === "") return "empty domain";
  if (at >= 0 && local === "") return "empty localpart before '@'";
  if (slash >= 0 && resource === "") return "empty resource after '/'";
  if (domain.includes("@")) return "more than one '@' before the resource";
  if (local.length > MAX_PART || domain.length > MAX_PART || resource.length > MAX_PART) return "a part is longer than 1023 characters";
  if (/[\s"&'/:<>]/.test(local)) return "forbidden character in localpart";
  if (/[\s]/.test(domain)) return "whitespace in domain";
  return { local, domain, resource };
}

/** Builds the string form; empty parts are left out. */
export function formatJid(jid: Jid): string {
  let s = jid.local ? `${jid.local}@${jid.domain}` : jid.domain;
  if (jid.resource) s += `/${jid.resource}`;
  return s;
}

/** Builds a JID string from parts. */
export function makeJid(local: string, domain: string, resource?: string): string {
  return formatJid({ local, domain, resource: resource ?? "" });
}

/** The bare JID (no resource) of a JID or JID string. */
export function bareJid(jid: Jid | string): string {
  const j = typeof jid === "string" ? parseJid(jid) : jid;
  return j.local ? `${j.local}@${j.domain}` : j.domain;
}

/** Localpart as servers store it: Finesse lower-cases the agent ID, Openfire the username at bind. */
export function normalizeLocal(local: string): string {
  return local.toLowerCase();
}

function key(j: Jid): string {
  return `${j.local.toLowerCase()}@${j.domain.toLowerCase()}`;
}

/** Full-JID equality: localpart and domain case-insensitive, resource case-sensitive (RFC 7622 §3.5). */
export function jidEquals(a: Jid | string, b: Jid | string): boolean {
  const ja = typeof a === "string" ? tryParseJid(a) : a;
  const jb = typeof b === "string" ? tryParseJid(b) : b;
  if (!ja || !jb) return false;
  return key(ja) === key(jb) && ja.resource === jb.resource;
}

/** Bare-JID equality (resources ignored). */
export function bareEquals(a: Jid | string, b: Jid | string): boolean {
  const ja = typeof a === "string" ? tryParseJid(a) : a;
  const jb = typeof b === "string" ? tryParseJid(b) : b;
  if (!ja || !jb) return false;
  return key(ja) === key(jb);
}
