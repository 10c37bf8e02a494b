// Errors of the virtual agent, and the kind/condition under which any error is counted in harness_errors.
import { FinesseApiError, FinesseParseError } from "../finesse/index.ts";
import { ConnectionClosedError, TimeoutError, XmppError } from "../xmpp/index.ts";

export type AgentErrorKind = "http" | "unavailable" | "event_timeout" | "gave_up" | "state";

/** A failure of the agent's own flow (not from the wire's typed errors). */
export class AgentError extends Error {
  override name = "AgentError";
  readonly kind: AgentErrorKind;
  readonly condition: string;
  constructor(kind: AgentErrorKind, condition: string, message: string) {
    super(message);
    this.kind = kind;
    this.condition = condition;
  }
}

const XMPP_KINDS: Record<string, string> = {
  StreamError: "stream",
  RedirectError: "stream",
  SaslError: "sasl",
  StanzaError: "stanza",
  TimeoutError: "timeout",
  ConnectionClosedError: "closed",
  ProtocolError: "protocol",
  OptionError: "option",
  JidError: "option",
};

/** The harness_errors tags of an error: kind (stream, sasl, stanza, timeout, closed, protocol, http, finesse_api, …) and condition. */
export function errorTags(e: unknown): { kind: string; condition: string } {
  if (e instanceof AgentError) return { kind: e.kind, condition: e.condition };
  if (e instanceof FinesseApiError) return { kind: "finesse_api", condition: e.errorType || `http_${e.status}` };
  if (e instanceof FinesseParseError) return { kind: "finesse_parse", condition: e.kind };
  // timeouts by the phase that timed out; closed connections by their close code
  if (e instanceof TimeoutError) return { kind: "timeout", condition: e.phase };
  if (e instanceof ConnectionClosedError) return { kind: "closed", condition: e.code === undefined ? "no_code" : String(e.code) };
  if (e instanceof XmppError) return { kind: XMPP_KINDS[e.name] ?? "xmpp", condition: e.condition };
  return { kind: "internal", condition: e instanceof Error ? e.name : typeof e };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
