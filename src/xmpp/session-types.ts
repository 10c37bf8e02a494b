// Events and results the client session reports. The session records nothing itself: hosts turn these
// plain objects into metrics.
import type { Element } from "../xml/index.ts";
import type { XmppError } from "./errors.ts";
import type { PingEvent } from "./ping.ts";
import type { Phase } from "./session-options.ts";
import type { MessageInfo, PresenceInfo } from "./stanza.ts";

export type SessionState =
  | "idle"
  | "connecting" // WebSocket upgrade
  | "opening" // <open/> sent, awaiting the server's <open/> and features
  | "authenticating" // <auth/> sent
  | "restarting" // stream restart after SASL success
  | "binding"
  | "establishing" // session iq
  | "presence" // initial presence sent, awaiting the ready condition
  | "ready"
  | "closing"
  | "closed";

export type SessionEvent = { kind: "phase"; phase: Phase; ms: number } | PingEvent;

/** One pubsub item delivered in a `<message>` (XEP-0060 §7.1.2.1). */
export interface PubsubNotification {
  node: string;
  /** "" when the item has no id. */
  itemId: string;
  /** The item's payload element in whatever namespace; undefined when the item is empty. */
  payload: Element | undefined;
  /** The attributes of the carrying `<message>` (from, to, id, type when present). Do not modify. */
  attrs: Readonly<Record<string, string>>;
}

export interface SessionInfo {
  /** The full JID the server bound. */
  jid: string;
  /** The id of the stream after authentication. */
  streamId: string | undefined;
}

export interface SessionEnd {
  /** True when the session ended through `close()` and the server or transport acknowledged it. */
  clean: boolean;
  /** Why the session ended, when it was not a clean close. */
  error: XmppError | undefined;
  /** Whether the session had become ready before it ended. */
  wasReady: boolean;
}

export interface SessionListeners {
  event: (event: SessionEvent) => void;
  pubsub: (notification: PubsubNotification) => void;
  presence: (presence: PresenceInfo) => void;
  /** Messages that carry no pubsub event. */
  message: (message: MessageInfo) => void;
  end: (end: SessionEnd) => void;
}
