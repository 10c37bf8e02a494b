// XML namespaces used by the protocol layer.
// RFC 6120 §4.8 (streams), §6 (SASL), §7 (bind), §8.3 (stanza errors); RFC 7395 §3.3.1 (framing).

export const NS_FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
export const NS_CLIENT = "jabber:client";
export const NS_STREAM = "http://etherx.jabber.org/streams";
export const NS_STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
export const NS_STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
export const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
export const NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";
// RFC 3921 §3 (session establishment, kept by servers for older clients).
export const NS_SESSION = "urn:ietf:params:xml:ns:xmpp-session";
// XEP-0199.
export const NS_PING = "urn:xmpp:ping";
// XEP-0060.
export const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
export const NS_PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";
export const NS_PUBSUB_OWNER = "http://jabber.org/protocol/pubsub#owner";
// XEP-0357; the namespace Finesse 12.5 puts on its `notification` payload element.
export const NS_PUSH = "urn:xmpp:push:0";
// RFC 6121 §2.
export const NS_ROSTER = "jabber:iq:roster";
// XEP-0115.
export const NS_CAPS = "http://jabber.org/protocol/caps";
// XEP-0078 stream feature (advertised by Openfire).
export const NS_IQ_AUTH_FEATURE = "http://jabber.org/features/iq-auth";
