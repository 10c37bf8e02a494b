// How the client tells the server why it ends a stream (RFC 6120 §4.9.3), and how unexpected throwables
// become typed errors.
import { ProtocolError, StreamError, XmppError } from "./errors.ts";

/** The stream error to send before closing because of `error`, or undefined to just close. */
export function sessionStreamError(error: XmppError): StreamError | undefined {
  if (!(error instanceof ProtocolError)) return undefined;
  switch (error.condition) {
    case "not-well-formed":
      return new StreamError("not-well-formed");
    case "unexpected-frame":
      return new StreamError("unsupported-stanza-type", error.text);
    case "bad-open":
      return new StreamError("invalid-namespace", error.text);
    case "bad-stanza":
      return new StreamError("bad-format", error.text);
    default:
      return new StreamError("undefined-condition", error.text);
  }
}

/** Any throwable as an `XmppError` (errors from listeners become condition "handler-error"). */
export function toXmppError(e: unknown): XmppError {
  if (e instanceof XmppError) return e;
  return new XmppError("handler-error", e instanceof Error ? e.message : String(e), { cause: e });
}
