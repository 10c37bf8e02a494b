// Typed errors, built from the wire and able to produce their wire form.
// RFC 6120 §4.9 (stream errors), §6.5 (SASL failures), §8.3 (stanza errors); RFC 7395 §3.6 (see-other-uri).
import { xml, type Element } from "../xml/index.ts";
import { NS_SASL, NS_STANZA_ERRORS, NS_STREAM, NS_STREAM_ERRORS } from "./ns.ts";

export type StreamErrorCondition =
  | "bad-format" | "bad-namespace-prefix" | "conflict" | "connection-timeout" | "host-gone" | "host-unknown"
  | "improper-addressing" | "internal-server-error" | "invalid-from" | "invalid-namespace" | "invalid-xml"
  | "not-authorized" | "not-well-formed" | "policy-violation" | "remote-connection-failed" | "reset"
  | "resource-constraint" | "restricted-xml" | "see-other-host" | "system-shutdown" | "undefined-condition"
  | "unsupported-encoding" | "unsupported-feature" | "unsupported-stanza-type" | "unsupported-version";

export type SaslCondition =
  | "aborted" | "account-disabled" | "credentials-expired" | "encryption-required" | "incorrect-encoding"
  | "invalid-authzid" | "invalid-mechanism" | "malformed-request" | "mechanism-too-weak" | "not-authorized"
  | "temporary-auth-failure";

export type StanzaErrorType = "auth" | "cancel" | "continue" | "modify" | "wait";

export type StanzaErrorCondition =
  | "bad-request" | "conflict" | "feature-not-implemented" | "forbidden" | "gone" | "internal-server-error"
  | "item-not-found" | "jid-malformed" | "not-acceptable" | "not-allowed" | "not-authorized" | "policy-violation"
  | "recipient-unavailable" | "redirect" | "registration-required" | "remote-server-not-found"
  | "remote-server-timeout" | "resource-constraint" | "service-unavailable" | "subscription-required"
  | "undefined-condition" | "unexpected-request";

export type ProtocolCondition =
  | "not-well-formed" | "unexpected-frame" | "bad-open" | "bad-subprotocol" | "bad-stanza" | "bad-reply"
  | "missing-feature";

// Any string can arrive from the wire; the unions above name the defined ones.
type Open<T extends string> = T | (string & {});

export class XmppError extends Error {
  override name = "XmppError";
  readonly condition: string;
  readonly text: string | undefined;
  constructor(condition: string, text?: string, options?: { cause?: unknown }) {
    super(text ? `${condition}: ${text}` : condition, options);
    this.condition = condition;
    this.text = text;
  }
}

// The defined-condition child and optional <text/> of an error element (RFC 6120 §4.9.2, §8.3.2).
function readCondition(el: Element, ns: string): { condition: string; text: string | undefined; application: Element | undefined } {
  let condition = "undefined-condition";
  let found = false;
  let text: string | undefined;
  let application: Element | undefined;
  for (const child of el.getChildElements()) {
    if (child.getNS() === ns) {
      if (child.getName() === "text") text = child.getText();
      else if (!found) {
        condition = child.getName();
        found = true;
      }
    } else application ??= child;
  }
  return { condition, text, application };
}

function conditionChildren(condition: string, ns: string, text: string | undefined, conditionText?: string): Element[] {
  const out = [xml(condition, { xmlns: ns }, conditionText)];
  if (text) out.push(xml("text", { xmlns: ns, "xml:lang": "en" }, text));
  return out;
}

export class StreamError extends XmppError {
  override name = "StreamError";
  override readonly condition: Open<StreamErrorCondition>;
  /** For see-other-host: the alternate host (RFC 6120 §4.9.3.19). */
  readonly seeOtherHost: string | undefined;
  constructor(condition: Open<StreamErrorCondition>, text?: string, seeOtherHost?: string) {
    super(condition, text);
    this.condition = condition;
    this.seeOtherHost = seeOtherHost;
  }

  /** From a `<stream:error>` element. */
  static fromElement(el: Element): StreamError {
    const { condition, text } = readCondition(el, NS_STREAM_ERRORS);
    const host = condition === "see-other-host" ? el.getChild("see-other-host", NS_STREAM_ERRORS)?.getText() : undefined;
    return new StreamError(condition, text, host || undefined);
  }

  toElement(): Element {
    const host = this.condition === "see-other-host" ? this.seeOtherHost : undefined;
    return xml("stream:error", { "xmlns:stream": NS_STREAM }, ...conditionChildren(this.condition, NS_STREAM_ERRORS, this.text, host));
  }
}

export class SaslError extends XmppError {
  override name = "SaslError";
  override readonly condition: Open<SaslCondition>;
  constructor(condition: Open<SaslCondition>, text?: string) {
    super(condition, text);
    this.condition = condition;
  }

  /** From a SASL `<failure>` element. */
  static fromElement(el: Element): SaslError {
    const { condition, text } = readCondition(el, NS_SASL);
    return new SaslError(condition, text);
  }

  toElement(): Element {
    return xml("failure", { xmlns: NS_SASL }, ...conditionChildren(this.condition, NS_SASL, this.text));
  }
}

const STANZA_ERROR_TYPES: ReadonlySet<string> = new Set(["auth", "cancel", "continue", "modify", "wait"]);

export class StanzaError extends XmppError {
  override name = "StanzaError";
  override readonly condition: Open<StanzaErrorCondition>;
  readonly type: StanzaErrorType;
  /** Application-specific condition element, if any (RFC 6120 §8.3.4). */
  readonly application: Element | undefined;
  constructor(condition: Open<StanzaErrorCondition>, type: StanzaErrorType = "cancel", text?: string, application?: Element) {
    super(condition, text);
    this.condition = condition;
    this.type = type;
    this.application = application;
  }

  /** From a stanza of type "error" or from its `<error>` child. */
  static fromElement(el: Element): StanzaError {
    const error = el.getName() === "error" ? el : el.getChild("error");
    if (!error) return new StanzaError("undefined-condition", "cancel", "error stanza without an <error/> child");
    const { condition, text, application } = readCondition(error, NS_STANZA_ERRORS);
    const rawType = error.attrs.type ?? "";
    const type = (STANZA_ERROR_TYPES.has(rawType) ? rawType : "cancel") as StanzaErrorType;
    return new StanzaError(condition, type, text, application);
  }

  /** The `<error type=…>` child to put into an error reply. */
  toElement(): Element {
    const el = xml("error", { type: this.type }, ...conditionChildren(this.condition, NS_STANZA_ERRORS, this.text));
    if (this.application) el.cnode(this.application);
    return el;
  }
}

/** A wait that did not end in time; `phase` names what was awaited. */
export class TimeoutError extends XmppError {
  override name = "TimeoutError";
  override readonly condition = "timeout";
  readonly phase: string;
  readonly ms: number;
  constructor(phase: string, ms: number) {
    super("timeout", `${phase} did not complete within ${ms} ms`);
    this.phase = phase;
    this.ms = ms;
  }
}

/** The transport closed or failed; `code` only when the transport reported a non-zero one. */
export class ConnectionClosedError extends XmppError {
  override name = "ConnectionClosedError";
  override readonly condition = "connection-closed";
  readonly code: number | undefined;
  readonly reason: string;
  constructor(code: number | undefined, reason: string, detail?: string) {
    super("connection-closed", detail ?? `connection closed${code !== undefined ? ` (code ${code})` : ""}${reason ? `: ${reason}` : ""}`);
    this.code = code;
    this.reason = reason;
  }
}

/** The server closed the stream with `<close see-other-uri=…/>` (RFC 7395 §3.6.1). */
export class RedirectError extends XmppError {
  override name = "RedirectError";
  override readonly condition = "see-other-uri";
  readonly uri: string;
  constructor(uri: string) {
    super("see-other-uri", `server redirects to ${uri}`);
    this.uri = uri;
  }
}

/** A frame that is malformed or unexpected at this point of the stream. */
export class ProtocolError extends XmppError {
  override name = "ProtocolError";
  override readonly condition: ProtocolCondition;
  /** The offending frame text (possibly truncated), when there is one. */
  readonly frame: string | undefined;
  constructor(condition: ProtocolCondition, text: string, frame?: string, options?: { cause?: unknown }) {
    super(condition, frame === undefined ? text : `${text} in ${preview(frame)}`, options);
    this.condition = condition;
    this.frame = frame === undefined ? undefined : frame.length > 500 ? frame.slice(0, 500) : frame;
  }
}

/** An invalid option passed to this layer; `option` names it. */
export class OptionError extends XmppError {
  override name = "OptionError";
  override readonly condition = "bad-option";
  readonly option: string;
  constructor(option: string, why: string) {
    super("bad-option", `${option} ${why}`);
    this.option = option;
  }
}

/** A string that is not a JID (RFC 7622 §3). */
export class JidError extends XmppError {
  override name = "JidError";
  override readonly condition = "jid-malformed";
  readonly input: string;
  constructor(input: string, why: string) {
    super("jid-malformed", `${JSON.stringify(input)} is not a JID: ${why}`);
    this.input = input;
  }
}

function preview(frame: string): string {
  return JSON.stringify(frame.length > 120 ? `${frame.slice(0, 120)}…` : frame);
}
