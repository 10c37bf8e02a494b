// One RFC 7395 client connection as Finesse's Openfire handles it: open, PLAIN-only SASL with Openfire's
// token rules, restart, bind (conflict policy), then stanzas (Openfire 4.x XmppWebSocket,
// SaslServerPlainImpl, IQBindHandler, SessionManager).
import { xml, type Element } from "../xml/index.ts";
import {
  NS_BIND, NS_CAPS, NS_FRAMING, NS_SASL, ProtocolError, SaslError, StreamError, bindFeature, bindResult, closeFrame,
  errorReplyOf, mechanismsFeature, openProblem, readBindRequest, saslSuccess, serverOpen,
  sessionFeature, streamFeatures, unframe, randomToken, type Base64, type Frame, type StreamErrorCondition,
} from "../xmpp/index.ts";
import type { BoundSession, Hub } from "./hub.ts";
import type { Lockout } from "./lockout.ts";
import type { SimUser } from "./population.ts";
import type { FinesseService } from "./service.ts";
import { authenticate } from "./sasl-auth.ts";
import { handleStanza } from "./stanzas.ts";

export type ConflictPolicy = "kick-old" | "reject-new";

export interface XmppEndpoint {
  domain: string;
  pubsubDomain: string;
  service: FinesseService;
  hub: Hub;
  lockout: Lockout;
  conflictPolicy: ConflictPolicy;
  base64: Base64;
  random: () => number;
  /** Is the `finesse` XMPP user present (Tomcat up)? */
  finessePresent(): boolean;
}

export interface SocketPort {
  send(text: string): void;
  /** Closes the WebSocket (normal closure). */
  close(): void;
}

type Phase = "pre-open" | "sasl" | "post-auth" | "bind" | "ready" | "closed";

const CAPS_NODE = "https://www.igniterealtime.org/projects/openfire/";
const CAPS_VER = "finesse-sim";

export class XmppSession implements BoundSession {
  readonly #ep: XmppEndpoint;
  readonly #socket: SocketPort;
  #phase: Phase = "pre-open";
  #user: SimUser | undefined;
  local = "";
  resource = "";
  fullJid = "";
  bareJid = "";
  available = false;
  #sentFinessePresence = false;
  #openSent = false;

  constructor(endpoint: XmppEndpoint, socket: SocketPort) {
    this.#ep = endpoint;
    this.#socket = socket;
  }

  get closed(): boolean {
    return this.#phase === "closed";
  }

  get user(): SimUser | undefined {
    return this.#user;
  }

  send(text: string): void {
    if (this.#phase !== "closed") this.#socket.send(text);
  }

  onText(text: string): void {
    if (this.#phase === "closed") return;
    let frame: Frame;
    try {
      frame = unframe(text);
    } catch (e) {
      const why = e instanceof ProtocolError ? e.text : "malformed XML";
      this.fail("not-well-formed", why);
      return;
    }
    try {
      this.#dispatch(frame);
    } catch (e) {
      this.fail("internal-server-error", e instanceof Error ? e.message : String(e));
    }
  }

  #dispatch(frame: Frame): void {
    if (frame.kind === "close") {
      this.send(closeFrame().toString());
      this.#end();
      return;
    }
    if (frame.kind === "open") return this.#onOpen(frame);
    if (this.#phase === "pre-open") return this.fail("not-authorized", "the stream is not open");
    if (this.#phase === "sasl") {
      if (frame.kind === "element" && frame.name === "auth" && frame.ns === NS_SASL) return this.#onAuth(frame.el);
      if (frame.kind === "element" && frame.name === "abort" && frame.ns === NS_SASL) {
        this.send(new SaslError("aborted").toElement().toString());
        return;
      }
      return this.fail("not-authorized", `<${frame.el.name}> before authentication`);
    }
    if (this.#phase === "post-auth") return this.fail("not-authorized", "stream restart expected after SASL success");
    if (frame.kind !== "stanza") {
      const stanzaLike = frame.el.name === "iq" || frame.el.name === "message" || frame.el.name === "presence";
      return this.fail(stanzaLike ? "invalid-namespace" : "unsupported-stanza-type", `<${frame.el.name}${frame.ns ? ` xmlns="${frame.ns}"` : ""}> is not a stanza`);
    }
    if (this.#phase === "bind") return this.#onBindPhase(frame.el);
    handleStanza(this, frame.el, this.#ep);
  }

  #onOpen(frame: Extract<Frame, { kind: "open" }>): void {
    const problem = openProblem(frame);
    const streamId = randomToken(10, this.#ep.random);
    const open = serverOpen({ from: this.#ep.domain, id: streamId }).toString();
    this.#openSent = true;
    if (problem) {
      this.send(open);
      return this.fail(frame.xmlns !== NS_FRAMING ? "invalid-namespace" : "unsupported-version", problem);
    }
    if (frame.to !== undefined && frame.to.toLowerCase() !== this.#ep.domain.toLowerCase()) {
      this.send(open);
      return this.fail("host-unknown", `this server serves ${this.#ep.domain}, not ${frame.to}`);
    }
    if (this.#phase === "pre-open" || this.#phase === "sasl") {
      this.#phase = "sasl";
      this.send(open);
      this.send(this.#features(mechanismsFeature(["PLAIN"])).toString());
      return;
    }
    if (this.#phase === "post-auth") {
      this.#phase = "bind";
      this.send(open);
      this.send(this.#features(bindFeature(), sessionFeature()).toString());
      return;
    }
    this.fail("policy-violation", "stream restart is allowed only after authentication");
  }

  #features(...children: Element[]): Element {
    return streamFeatures(...children, xml("c", { xmlns: NS_CAPS, hash: "sha-1", node: CAPS_NODE, ver: CAPS_VER }));
  }

  #onAuth(el: Element): void {
    const result = authenticate(el, this.#ep);
    if (result instanceof SaslError) {
      this.send(result.toElement().toString());
      return;
    }
    this.#user = result;
    this.local = result.id.toLowerCase();
    this.bareJid = `${this.local}@${this.#ep.domain}`;
    this.#phase = "post-auth";
    this.send(saslSuccess().toString());
  }

  #onBindPhase(el: Element): void {
    const isBind = el.name === "iq" && el.attrs.type === "set" && el.getChild("bind", NS_BIND) !== undefined;
    if (!isBind) return this.fail("not-authorized", `<${el.name}> before resource binding`);
    const requested = readBindRequest(el);
    const resource = requested === "" ? randomToken(10, this.#ep.random) : requested;
    if (resource.length > 1023) {
      this.send(errorReplyOf(el, { condition: "bad-request", type: "modify", text: "resource too long" }).toString());
      return;
    }
    const hub = this.#ep.hub;
    const existing = hub.existing(this.local, resource);
    if (existing && !existing.closed) {
      if (this.#ep.conflictPolicy === "reject-new") {
        this.send(errorReplyOf(el, { condition: "conflict", type: "cancel", text: "resource in use" }).toString());
        return;
      }
      existing.kick("conflict");
    }
    this.resource = resource;
    this.fullJid = `${this.bareJid}/${resource}`;
    hub.bind(this);
    this.#phase = "ready";
    const reply = bindResult(el, this.fullJid);
    reply.attrs.to = this.fullJid; // Openfire addresses the result to the new full JID
    this.send(reply.toString());
  }

  /** Initial or updated presence from the client (RFC 6121 §4.2, §4.4). */
  setAvailable(available: boolean): void {
    if (this.available === available) return;
    this.available = available;
    if (available && !this.#sentFinessePresence && this.#ep.finessePresent()) this.sendFinessePresence(true);
    this.#ep.hub.availabilityChanged(this.local);
  }

  /**
   * Presence of the `finesse` user (Finesse developer guide, "Failure Scenarios"; the desktop's
   * /tunnel/EventTunnel.js `_checkFinesseUser`).
   */
  sendFinessePresence(available: boolean): void {
    if (!this.available) return;
    this.#sentFinessePresence = available;
    const attrs: Record<string, string> = { xmlns: "jabber:client", from: `finesse@${this.#ep.domain}/finesse`, to: this.fullJid };
    if (!available) attrs.type = "unavailable";
    this.send(xml("presence", attrs).toString());
  }

  kick(condition: StreamErrorCondition & ("conflict" | "system-shutdown" | "policy-violation")): void {
    this.fail(condition, condition === "conflict" ? "replaced by a new session" : undefined);
  }

  /** Stream error, `<close/>`, then the WebSocket closes (RFC 6120 §4.9, RFC 7395 §3.6). */
  fail(condition: StreamErrorCondition, text?: string): void {
    if (this.#phase === "closed") return;
    // RFC 6120 §4.9.1.1: a stream error before the stream is open follows an opening header.
    if (!this.#openSent) this.send(serverOpen({ from: this.#ep.domain, id: randomToken(10, this.#ep.random) }).toString());
    this.#openSent = true;
    this.send(new StreamError(condition, text).toElement().toString());
    this.send(closeFrame().toString());
    this.#end();
  }

  #end(): void {
    if (this.#phase === "closed") return;
    this.#phase = "closed";
    this.available = false;
    if (this.fullJid) this.#ep.hub.unbind(this);
    this.#socket.close();
  }

  /** The WebSocket went away without a <close/>. */
  onSocketClosed(): void {
    this.#end();
  }
}
