// Public names of the XMPP-over-WebSocket protocol layer (RFC 6120/6121, RFC 7395, XEP-0060, XEP-0199).

export {
  NS_FRAMING, NS_CLIENT, NS_STREAM, NS_STREAM_ERRORS, NS_STANZA_ERRORS, NS_SASL, NS_BIND, NS_SESSION, NS_PING,
  NS_PUBSUB, NS_PUBSUB_EVENT, NS_PUBSUB_OWNER, NS_PUSH, NS_ROSTER, NS_CAPS, NS_IQ_AUTH_FEATURE,
} from "./ns.ts";

export {
  XmppError, StreamError, SaslError, StanzaError, TimeoutError, ConnectionClosedError, RedirectError, ProtocolError,
  JidError, OptionError,
} from "./errors.ts";
export type { StreamErrorCondition, SaslCondition, StanzaErrorType, StanzaErrorCondition, ProtocolCondition } from "./errors.ts";

export { parseJid, tryParseJid, formatJid, makeJid, bareJid, normalizeLocal, jidEquals, bareEquals } from "./jid.ts";
export type { Jid } from "./jid.ts";

export { clientOpen, serverOpen, streamFeatures, closeFrame, unframe, classify, openProblem } from "./framing.ts";
export type { Frame, OpenFrame, CloseFrame, StanzaFrame, ElementFrame, ServerOpenOptions } from "./framing.ts";

export { iq, presence, message, resultOf, errorReplyOf, readIq, readPresence, readMessage } from "./stanza.ts";
export type { IqType, PresenceType, MessageType, StanzaAttrs, IqInfo, PresenceInfo, MessageInfo } from "./stanza.ts";

export {
  plainMessage, plainAuth, offeredMechanisms, decodePlain, parsePlain, authzidUser, readAuth, saslSuccess,
  mechanismsFeature,
} from "./sasl.ts";
export type { PlainCredentials, PlainIdentity, AuthRequest } from "./sasl.ts";

export { SASL_MECHANISMS, PLAIN_MECHANISM, chooseMechanism, decodeSaslPayload } from "./sasl-client.ts";
export type { SaslMechanism, SaslClientMechanism, SaslClientCredentials, SaslClientDeps, SaslExchange } from "./sasl-client.ts";
export { SCRAM_MECHANISMS, SCRAM_SHA_1, SCRAM_SHA_256, SCRAM_NONCE_LENGTH, scramExchange } from "./sasl-scram.ts";
export { ScramClient, MAX_SCRAM_ITERATIONS, saslname } from "./scram.ts";
export type { ScramMechanism, ScramCondition, ScramCredentials, ScramOptions } from "./scram.ts";
export { SHA1, SHA256, hash } from "./sha.ts";
export type { HashFunction, Hasher } from "./sha.ts";
export { HmacKey, hmac, pbkdf2 } from "./hmac.ts";
export { utf8, bytesToBase64, base64ToBytes } from "./bytes.ts";

export { sequentialIds, randomIds, randomToken } from "./ids.ts";

export type { Transport, TransportHandlers, Connect, Clock, Base64, IdSource } from "./ports.ts";

export {
  RESERVED_FINESSE_RESOURCE, defaultResource, bindRequest, readBindResult, readBindRequest, bindResult, bindFeature,
  sessionFeature, sessionRequest, boundFeatures,
} from "./bind.ts";

export { pingRequest, isPing, Pinger, FINESSE_PING, checkPingOptions } from "./ping.ts";
export type { PingOptions, PingEvent, PingerDeps } from "./ping.ts";

export {
  subscribeRequest, unsubscribeRequest, subscriptionsRequest, publishRequest, itemsRequest, createNodeRequest, readSubscribeResult,
  readSubscriptions, readPublishResult, readPubsubEvent, readPubsubRequest, subscriptionElement, subscriptionsElement,
  eventMessage,
} from "./pubsub.ts";
export type { PubsubTarget, Subscription, PubsubItem, PubsubEvent, PubsubRequest } from "./pubsub.ts";

export { Requests } from "./requests.ts";
export type { ReplyCallback } from "./requests.ts";

export { XmppSession } from "./session.ts";
export type { SessionDeps } from "./session.ts";
export type { SessionOptions, ReadyWhen, Phase, TimeoutName } from "./session-options.ts";
export type { SessionState, SessionEvent, PubsubNotification, SessionInfo, SessionEnd, SessionListeners } from "./session-types.ts";
