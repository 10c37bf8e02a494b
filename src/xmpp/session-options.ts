// Options of the client session, their defaults and validation.
import { OptionError } from "./errors.ts";
import { bareEquals, jidEquals, tryParseJid } from "./jid.ts";
import { checkPingOptions, type PingOptions } from "./ping.ts";
import type { SaslMechanism } from "./sasl-client.ts";
import type { PresenceInfo } from "./stanza.ts";

/** Phases of the login, in order; `ready` is the whole login (connect start → ready). */
export type Phase = "upgrade" | "open_features" | "sasl" | "restart" | "bind" | "session" | "presence" | "ready";

/** Waits that have their own timeout. */
export type TimeoutName = "upgrade" | "open_features" | "sasl" | "restart" | "bind" | "session" | "presence" | "close" | "request";

/**
 * When the session counts as ready after initial presence:
 * - "finesse": presence from `finesse@<domain>` (any resource), as the Finesse desktop waits for;
 * - "echo": the server echoes our own presence (Prosody, ejabberd);
 * - "sent": as soon as initial presence is sent;
 * - a predicate over each presence received, given our full JID.
 */
export type ReadyWhen = "finesse" | "echo" | "sent" | ((presence: PresenceInfo, ownJid: string) => boolean);

export interface SessionOptions {
  /** WebSocket URL, e.g. `wss://finesse-a.example.com:8445/ws/`. */
  url: string;
  /** XMPP domain (Finesse: `xmppDomain` from SystemInfo). */
  domain: string;
  /** SASL authcid (Finesse: the agent ID, lower-cased). */
  username: string;
  password: string;
  /**
   * SASL mechanisms allowed, in order of preference; the first the server offers is used. Default
   * ["PLAIN"] (what Finesse offers); e.g. ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"] for servers that prefer SCRAM.
   */
  mechanisms?: readonly SaslMechanism[];
  /** PLAIN authzid: "none" sends `\0user\0password`, "bare-jid" sends `user@domain\0user\0password` as Strophe does. Default "none". */
  authzid?: "none" | "bare-jid";
  /** Resource to bind; default `vagent-<random>`. */
  resource?: string;
  /** Subprotocols offered; default ["xmpp"] (RFC 7395 §3.1). */
  protocols?: readonly string[];
  /** Fail when the server does not accept subprotocol "xmpp" (RFC 7395 §3.1). Default true. */
  requireSubprotocol?: boolean;
  /** Default "finesse". */
  readyWhen?: ReadyWhen;
  /** Initial presence priority; default 0. */
  priority?: number;
  /** Send the session iq when the server advertises it (RFC 3921 §3, as Strophe does). Default true. */
  sessionIq?: boolean;
  /** Per-wait timeouts in ms; each defaults to 10,000 (close: 5,000). */
  timeouts?: Partial<Record<TimeoutName, number>>;
  /** Keepalive started when the session is ready; false or absent: none (start it with `startPing`). */
  ping?: PingOptions | false;
  /** Pubsub service JID; default `pubsub.<domain>`. */
  pubsubService?: string;
}

export interface ResolvedOptions {
  url: string;
  domain: string;
  username: string;
  password: string;
  authzid: "none" | "bare-jid";
  mechanisms: readonly SaslMechanism[];
  resource: string | undefined;
  protocols: readonly string[];
  requireSubprotocol: boolean;
  ready: (presence: PresenceInfo, ownJid: string) => boolean;
  /** readyWhen "sent": ready as soon as initial presence is written. */
  readyOnSend: boolean;
  priority: number;
  sessionIq: boolean;
  timeouts: Record<TimeoutName, number>;
  ping: PingOptions | undefined;
  pubsubService: string;
}

const TIMEOUT_NAMES: readonly TimeoutName[] = ["upgrade", "open_features", "sasl", "restart", "bind", "session", "presence", "close", "request"];

function nonEmpty(name: string, v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw new OptionError(name, `must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function readyPredicate(when: ReadyWhen, domain: string): ResolvedOptions["ready"] {
  if (typeof when === "function") return when;
  const server = domain.toLowerCase();
  switch (when) {
    case "finesse":
      return (p) => {
        if (p.type !== "available") return false;
        const from = tryParseJid(p.from);
        return from !== undefined && from.local.toLowerCase() === "finesse" && from.domain.toLowerCase() === server;
      };
    case "echo":
      return (p, own) => p.type === "available" && p.from !== undefined && (jidEquals(p.from, own) || (bareEquals(p.from, own) && !p.from.includes("/")));
    case "sent":
      return () => true;
    default:
      throw new OptionError("readyWhen", `must be "finesse", "echo", "sent" or a function, got ${JSON.stringify(when)}`);
  }
}

// Names only; the session checks that each one has an implementation.
function checkMechanisms(v: unknown): readonly SaslMechanism[] {
  if (!Array.isArray(v) || v.length === 0 || v.some((m, i) => typeof m !== "string" || v.indexOf(m) !== i)) {
    throw new OptionError("mechanisms", `must be a non-empty array of distinct SASL mechanism names, got ${JSON.stringify(v)}`);
  }
  return [...(v as SaslMechanism[])];
}

/** Applies defaults and checks every option, throwing `OptionError` naming the bad one. */
export function resolveOptions(o: SessionOptions): ResolvedOptions {
  const url = nonEmpty("url", o.url);
  if (!/^wss?:\/\//i.test(url)) throw new OptionError("url", `must start with ws:// or wss://, got ${JSON.stringify(url)}`);
  const domain = nonEmpty("domain", o.domain);
  const parsed = tryParseJid(domain);
  if (!parsed || parsed.local || parsed.resource) throw new OptionError("domain", `must be a domain name, got ${JSON.stringify(domain)}`);
  const username = nonEmpty("username", o.username);
  if (typeof o.password !== "string") throw new OptionError("password", "must be a string");
  const authzid = o.authzid ?? "none";
  if (authzid !== "none" && authzid !== "bare-jid") throw new OptionError("authzid", `must be "none" or "bare-jid", got ${JSON.stringify(authzid)}`);
  const mechanisms = checkMechanisms(o.mechanisms ?? ["PLAIN"]);
  if (o.resource !== undefined) {
    nonEmpty("resource", o.resource);
    if (o.resource.includes("/")) throw new OptionError("resource", "must not contain '/'");
  }
  const protocols = o.protocols ?? ["xmpp"];
  if (!Array.isArray(protocols) || protocols.some((p) => typeof p !== "string" || p === "")) throw new OptionError("protocols", "must be an array of non-empty strings");
  const priority = o.priority ?? 0;
  if (!Number.isInteger(priority) || priority < -128 || priority > 127) throw new OptionError("priority", `must be an integer from -128 to 127 (RFC 6121 §4.7.2.3), got ${String(priority)}`);
  const timeouts = {} as Record<TimeoutName, number>;
  for (const name of TIMEOUT_NAMES) {
    const v = o.timeouts?.[name] ?? (name === "close" ? 5_000 : 10_000);
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new OptionError(`timeouts.${name}`, `must be a positive number of ms, got ${String(v)}`);
    timeouts[name] = v;
  }
  for (const key of Object.keys(o.timeouts ?? {})) {
    if (!TIMEOUT_NAMES.includes(key as TimeoutName)) throw new OptionError(`timeouts.${key}`, `is not a known wait (known: ${TIMEOUT_NAMES.join(", ")})`);
  }
  const ping = o.ping === false || o.ping === undefined ? undefined : o.ping;
  if (ping) checkPingOptions(ping);
  return {
    url,
    domain,
    username,
    password: o.password,
    authzid,
    mechanisms,
    resource: o.resource,
    protocols,
    requireSubprotocol: o.requireSubprotocol ?? true,
    ready: readyPredicate(o.readyWhen ?? "finesse", domain),
    readyOnSend: o.readyWhen === "sent",
    priority,
    sessionIq: o.sessionIq ?? true,
    timeouts,
    ping,
    pubsubService: o.pubsubService === undefined ? `pubsub.${domain}` : nonEmpty("pubsubService", o.pubsubService),
  };
}
