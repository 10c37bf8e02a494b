// The client session: WebSocket upgrade → <open/> → features → SASL (PLAIN or SCRAM) → restart → bind → session
// → initial presence → ready (RFC 7395 §3, RFC 6120 §4–§7, RFC 3921 §3, RFC 6121 §4.2), then stanza
// dispatch, iq correlation, keepalive pings and a graceful close. Every wait has a timeout whose timer
// is cleared on every path; the session ends exactly once, with a typed reason.
import { xml, type Element } from "../xml/index.ts";
import { bindRequest, boundFeatures, defaultResource, readBindResult, sessionRequest } from "./bind.ts";
import {
  ConnectionClosedError, OptionError, ProtocolError, RedirectError, SaslError, StanzaError, StreamError, TimeoutError, XmppError,
} from "./errors.ts";
import { clientOpen, closeFrame, openProblem, unframe, type ElementFrame, type Frame, type OpenFrame } from "./framing.ts";
import { NS_CLIENT, NS_SASL, NS_STREAM } from "./ns.ts";
import { FINESSE_PING, isPing, pingRequest, Pinger, type PingEvent, type PingOptions } from "./ping.ts";
import type { Base64, Clock, Connect, IdSource, Transport, TransportHandlers } from "./ports.ts";
import {
  readPublishResult, readPubsubEvent, readSubscribeResult, readSubscriptions, publishRequest, subscribeRequest,
  subscriptionsRequest, unsubscribeRequest, type Subscription,
} from "./pubsub.ts";
import { Requests } from "./requests.ts";
import { resolveOptions, type Phase, type ResolvedOptions, type SessionOptions } from "./session-options.ts";
import type { SessionEnd, SessionEvent, SessionInfo, SessionListeners, SessionState } from "./session-types.ts";
import { offeredMechanisms } from "./sasl.ts";
import { chooseMechanism, PLAIN_MECHANISM, type SaslClientMechanism, type SaslExchange } from "./sasl-client.ts";
import { errorReplyOf, presence, readIq, readMessage, readPresence, resultOf } from "./stanza.ts";
import { sessionStreamError, toXmppError } from "./session-errors.ts";

export interface SessionDeps {
  connect: Connect;
  clock: Clock;
  ids: IdSource;
  base64: Base64;
  /** Random numbers for the default resource and the SCRAM client nonce; default Math.random. */
  random?: () => number;
  /**
   * SASL mechanisms besides the built-in PLAIN that `options.mechanisms` may name, e.g. SCRAM_MECHANISMS.
   * Passed in rather than built in so that bundles which do not use them stay small.
   */
  saslMechanisms?: readonly SaslClientMechanism[];
}

/** The implementations of the allowed mechanisms, in order; throws `OptionError` for one not passed in. */
function availableMechanisms(allowed: ResolvedOptions["mechanisms"], extra: readonly SaslClientMechanism[]): SaslClientMechanism[] {
  return allowed.map((name, i) => {
    const found = name === "PLAIN" ? PLAIN_MECHANISM : extra.find((m) => m.name === name);
    if (!found) throw new OptionError(`mechanisms[${i}]`, `${JSON.stringify(name)} has no implementation: PLAIN is built in, SCRAM-SHA-* come with SessionDeps.saslMechanisms`);
    return found;
  });
}

type ListenerLists = { [K in keyof SessionListeners]: SessionListeners[K][] };

// States in which the server may send stanzas, and in which the client may (RFC 6120 §7.1: only after bind;
// RFC 7395 §3.6: nothing after <close/>).
const RECEIVING: ReadonlySet<SessionState> = new Set(["binding", "establishing", "presence", "ready", "closing"]);
const SENDING: ReadonlySet<SessionState> = new Set(["establishing", "presence", "ready"]);

export class XmppSession {
  readonly #deps: SessionDeps;
  readonly #o: ResolvedOptions;
  readonly #mechanisms: readonly SaslClientMechanism[];
  readonly #resource: string;
  readonly #requests: Requests;
  readonly #handlers: TransportHandlers;
  readonly #listeners: ListenerLists = { event: [], pubsub: [], presence: [], message: [], end: [] };
  readonly #ended: Promise<SessionEnd>;
  #resolveEnded!: (end: SessionEnd) => void;
  #resolveReady: ((info: SessionInfo) => void) | undefined;
  #rejectReady: ((error: XmppError) => void) | undefined;

  #state: SessionState = "idle";
  #transport: Transport | undefined;
  #transportGone = false;
  #transportError: string | undefined;
  #phase: Phase | undefined;
  #phaseStart = 0;
  #phaseTimer: unknown = undefined;
  #phaseTimeoutMs = 0;
  #closeTimer: unknown = undefined;
  #connectStart = 0;
  #wasReady = false;
  #hasSessionFeature = false;
  #sasl: SaslExchange | undefined;
  #jid = "";
  #streamId: string | undefined;
  #pinger: Pinger | undefined;
  #pingTimeoutMs = 0;
  readonly #onPhaseTimeout = (): void => this.#fail(new TimeoutError(this.#phase ?? "unknown", this.#phaseTimeoutMs));

  /** Throws `OptionError` naming a bad option. */
  constructor(deps: SessionDeps, options: SessionOptions) {
    this.#deps = deps;
    this.#o = resolveOptions(options);
    this.#mechanisms = availableMechanisms(this.#o.mechanisms, deps.saslMechanisms ?? []);
    this.#resource = this.#o.resource ?? defaultResource(deps.random);
    this.#requests = new Requests(deps.clock);
    this.#handlers = {
      onOpen: () => this.#guard(() => this.#onOpen()),
      onMessage: (text) => this.#onMessage(text),
      onClose: (code, reason) => this.#onClose(code, reason),
      onError: (message) => (this.#transportError = message),
    };
    this.#ended = new Promise<SessionEnd>((resolve) => (this.#resolveEnded = resolve));
  }

  get state(): SessionState {
    return this.#state;
  }

  /** The bound full JID ("" before bind). */
  get jid(): string {
    return this.#jid;
  }

  /** The resource this session asks to bind. */
  get resource(): string {
    return this.#resource;
  }

  /** Resolves once, when the session has ended; never rejects. */
  get ended(): Promise<SessionEnd> {
    return this.#ended;
  }

  /** Adds a listener; returns a function that removes it. Changes made while events are being delivered apply from the next event. */
  on<K extends keyof SessionListeners>(type: K, listener: SessionListeners[K]): () => void {
    // Copy on write: delivery loops keep iterating the array they started with.
    const lists = this.#listeners as unknown as Record<K, SessionListeners[K][]>;
    const added: SessionListeners[K][] = lists[type].slice();
    added.push(listener);
    lists[type] = added;
    return () => {
      lists[type] = lists[type].filter((l) => l !== listener);
    };
  }

  /** Logs in; resolves when ready, rejects with the typed reason the session ended before that. */
  connect(): Promise<SessionInfo> {
    if (this.#state !== "idle") return Promise.reject(new XmppError("bad-state", `connect() called while ${this.#state}`));
    const ready = new Promise<SessionInfo>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.#state = "connecting";
    this.#connectStart = this.#deps.clock.now();
    this.#begin("upgrade");
    try {
      this.#transport = this.#deps.connect(this.#o.url, this.#o.protocols, this.#handlers);
    } catch (e) {
      this.#transportGone = true;
      this.#end(new ConnectionClosedError(undefined, "", `connecting to ${this.#o.url} failed: ${e instanceof Error ? e.message : String(e)}`));
    }
    return ready;
  }

  /** Sends a stanza or other element; stanzas without a namespace get jabber:client. Throws before bind. */
  send(el: Element): void {
    if (!SENDING.has(this.#state)) throw new XmppError("not-ready", `cannot send while ${this.#state}`);
    const name = el.name;
    if ((name === "iq" || name === "message" || name === "presence") && el.attrs.xmlns === undefined) el.attrs.xmlns = NS_CLIENT;
    this.#write(el);
  }

  /** Sends an iq get/set and resolves with its result; rejects with `StanzaError`, `TimeoutError` or the end reason. */
  request(el: Element, timeoutMs: number = this.#o.timeouts.request): Promise<Element> {
    if (!SENDING.has(this.#state)) return Promise.reject(new XmppError("not-ready", `cannot send a request while ${this.#state}`));
    const a = el.attrs;
    if (el.name !== "iq" || (a.type !== "get" && a.type !== "set")) {
      return Promise.reject(new XmppError("bad-request", `request() takes an iq get or set, got <${el.name} type="${a.type ?? ""}">`));
    }
    if (!a.id) a.id = this.#deps.ids.next();
    let reply: Promise<Element>;
    try {
      reply = this.#requests.wait(a.id, a.to, `iq ${el.getChildElements()[0]?.getName() ?? "request"}`, timeoutMs);
    } catch (e) {
      return Promise.reject(new XmppError("bad-request", e instanceof Error ? e.message : String(e)));
    }
    this.send(el);
    return reply;
  }

  /** Subscribes this resource's full JID (or `jid`) to a pubsub node (XEP-0060 §6.1). */
  async subscribe(node: string, options: { service?: string; jid?: string; timeoutMs?: number } = {}): Promise<Subscription> {
    const jid = options.jid ?? this.#jid;
    const reply = await this.request(subscribeRequest({ id: this.#deps.ids.next(), to: options.service ?? this.#o.pubsubService, node, jid }), options.timeoutMs);
    return readSubscribeResult(reply, { node, jid });
  }

  /** Removes a subscription (XEP-0060 §6.2). */
  async unsubscribe(node: string, options: { service?: string; jid?: string; subid?: string; timeoutMs?: number } = {}): Promise<void> {
    const target = { id: this.#deps.ids.next(), to: options.service ?? this.#o.pubsubService, node, jid: options.jid ?? this.#jid, subid: options.subid };
    await this.request(unsubscribeRequest(target), options.timeoutMs);
  }

  /** This entity's subscriptions at the service, optionally for one node (XEP-0060 §5.6). */
  async subscriptions(options: { service?: string; node?: string; timeoutMs?: number } = {}): Promise<Subscription[]> {
    const reply = await this.request(subscriptionsRequest({ id: this.#deps.ids.next(), to: options.service ?? this.#o.pubsubService, node: options.node }), options.timeoutMs);
    return readSubscriptions(reply);
  }

  /** Publishes one item; resolves with the item ids the service reports (XEP-0060 §7.1). */
  async publish(node: string, payload: Element, options: { service?: string; itemId?: string; timeoutMs?: number } = {}): Promise<string[]> {
    const el = publishRequest({ id: this.#deps.ids.next(), to: options.service ?? this.#o.pubsubService, node, payload, itemId: options.itemId });
    return readPublishResult(await this.request(el, options.timeoutMs));
  }

  /** Starts the XEP-0199 keepalive (default: the Finesse desktop's 10 s / 10 s / 2 misses). */
  startPing(options: PingOptions = this.#o.ping ?? FINESSE_PING): void {
    if (this.#state !== "ready") throw new XmppError("not-ready", `cannot start pinging while ${this.#state}`);
    this.stopPing();
    this.#pingTimeoutMs = options.timeoutMs;
    this.#pinger = new Pinger({ clock: this.#deps.clock, ping: (ms, done) => this.#ping(ms, done), report: (e) => this.#guard(() => this.#onPingEvent(e)) }, options);
    this.#pinger.start();
  }

  stopPing(): void {
    this.#pinger?.stop();
    this.#pinger = undefined;
  }

  /**
   * Ends the session. When ready: optional unavailable presence, `<close/>`, then wait (timeouts.close)
   * for the server's `<close/>` or the transport to close. Before ready: aborts the login.
   */
  close(options: { unavailable?: boolean } = {}): Promise<SessionEnd> {
    switch (this.#state) {
      case "idle":
        this.#end(undefined);
        break;
      case "ready":
        if (options.unavailable ?? true) this.#write(presence({ type: "unavailable" }));
        this.stopPing();
        if (this.#write(closeFrame())) {
          this.#state = "closing";
          this.#closeTimer = this.#deps.clock.setTimeout(() => this.#onCloseTimeout(), this.#o.timeouts.close);
        }
        break;
      case "closing":
      case "closed":
        break;
      default:
        this.#fail(new ConnectionClosedError(undefined, "", `closed by the client while ${this.#state}, before the session was ready`));
    }
    return this.#ended;
  }

  // --- transport events ---

  #onOpen(): void {
    if (this.#state !== "connecting") return;
    this.#finish("upgrade");
    const protocol = this.#transport?.protocol ?? "";
    if (this.#o.requireSubprotocol && protocol !== "xmpp") {
      this.#fail(new ProtocolError("bad-subprotocol", `server accepted subprotocol ${JSON.stringify(protocol)}, expected "xmpp" (RFC 7395 §3.1)`));
      return;
    }
    this.#openStream("opening", "open_features");
  }

  #onMessage(text: string): void {
    if (this.#state === "closed") return;
    try {
      // Whitespace keepalives are discouraged (RFC 7395 §3.8) but harmless: skip them without parsing.
      if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === "")) return;
      this.#dispatch(unframe(text), text);
    } catch (e) {
      this.#fail(toXmppError(e));
    }
  }

  #onClose(code: number | undefined, reason: string): void {
    this.#transportGone = true;
    if (this.#state === "closed") return;
    if (this.#state === "closing") this.#end(undefined);
    else {
      const detail = this.#transportError ? `connection closed${code === undefined ? "" : ` (code ${code})`}: ${this.#transportError}` : undefined;
      this.#end(new ConnectionClosedError(code, reason, detail));
    }
  }

  // --- frames ---

  #dispatch(frame: Frame, text: string): void {
    switch (frame.kind) {
      case "stanza":
        if (!RECEIVING.has(this.#state)) throw new ProtocolError("unexpected-frame", `<${frame.name}/> stanza while ${this.#state}`, text);
        if (frame.name === "message") this.#onMessageStanza(frame.el);
        else if (frame.name === "presence") this.#onPresence(frame.el);
        else this.#onIq(frame.el);
        return;
      case "open":
        return this.#onServerOpen(frame, text);
      case "close":
        if (frame.seeOtherUri !== undefined) return this.#fail(new RedirectError(frame.seeOtherUri));
        if (this.#state === "closing") return this.#end(undefined);
        return this.#fail(new ConnectionClosedError(undefined, "", "the server closed the stream"), true);
      case "element":
        return this.#onElement(frame, text);
    }
  }

  #onServerOpen(frame: OpenFrame, text: string): void {
    if (this.#state !== "opening" && this.#state !== "restarting") throw new ProtocolError("unexpected-frame", `<open/> while ${this.#state}`, text);
    if (this.#streamId !== undefined) throw new ProtocolError("unexpected-frame", "second <open/> before features", text);
    const problem = openProblem(frame);
    if (problem) throw new ProtocolError("bad-open", problem, text);
    this.#streamId = frame.id ?? "";
  }

  #onElement(frame: ElementFrame, text: string): void {
    const { name, ns, el } = frame;
    if (ns === NS_STREAM && name === "error") return this.#fail(StreamError.fromElement(el));
    if (ns === NS_STREAM && name === "features" && this.#streamId !== undefined) {
      if (this.#state === "opening") return this.#onFeatures(el);
      if (this.#state === "restarting") return this.#onBoundFeatures(el, text);
    }
    if (ns === NS_SASL && this.#state === "authenticating") {
      if (name === "success") return this.#onSaslSuccess(el);
      if (name === "challenge") return this.#onSaslChallenge(el);
      if (name === "failure") return this.#fail(SaslError.fromElement(el));
    }
    throw new ProtocolError("unexpected-frame", `unexpected <${el.name}${ns ? ` xmlns="${ns}"` : ""}> while ${this.#state}`, text);
  }

  #onFeatures(features: Element): void {
    this.#finish("open_features");
    const offered = offeredMechanisms(features);
    const mechanism = chooseMechanism(this.#mechanisms.map((m) => m.name), offered);
    if (mechanism === undefined) {
      const list = offered.length ? offered.join(", ") : "none";
      return this.#fail(new SaslError("invalid-mechanism", `server offers none of the allowed SASL mechanisms ${this.#o.mechanisms.join(", ")} (offered: ${list})`));
    }
    const authzid = this.#o.authzid === "bare-jid" ? `${this.#o.username}@${this.#o.domain}` : undefined;
    this.#state = "authenticating";
    this.#begin("sasl");
    this.#sasl = this.#mechanisms.find((m) => m.name === mechanism)!.start({ authzid, username: this.#o.username, password: this.#o.password }, {
      base64: this.#deps.base64,
      random: this.#deps.random ?? Math.random,
    });
    this.#write(this.#sasl.auth());
  }

  #onSaslChallenge(el: Element): void {
    let response: Element;
    try {
      response = this.#sasl!.challenge(el.getText());
    } catch (e) {
      // RFC 6120 §6.4.5: the client aborts an exchange it cannot continue.
      if (e instanceof SaslError) this.#write(xml("abort", { xmlns: NS_SASL }), false);
      throw e;
    }
    this.#write(response);
  }

  #onSaslSuccess(el: Element): void {
    this.#sasl!.success(el.getText());
    this.#sasl = undefined;
    this.#finish("sasl");
    this.#streamId = undefined;
    this.#openStream("restarting", "restart");
  }

  #onBoundFeatures(features: Element, text: string): void {
    this.#finish("restart");
    const f = boundFeatures(features);
    if (!f.bind) throw new ProtocolError("missing-feature", "server does not offer resource binding after authentication", text);
    this.#hasSessionFeature = f.session;
    this.#state = "binding";
    this.#begin("bind", false);
    const id = this.#deps.ids.next();
    this.#requests.add(id, undefined, "bind", this.#o.timeouts.bind, (error, reply) => this.#guard(() => this.#onBound(error, reply)));
    this.#write(bindRequest(id, this.#resource));
  }

  #onBound(error: XmppError | undefined, reply: Element | undefined): void {
    if (error) return this.#fail(error);
    this.#jid = readBindResult(reply!);
    this.#finish("bind");
    if (this.#hasSessionFeature && this.#o.sessionIq) {
      this.#state = "establishing";
      this.#begin("session", false);
      const id = this.#deps.ids.next();
      this.#requests.add(id, undefined, "session", this.#o.timeouts.session, (e) => this.#guard(() => (e ? this.#fail(e) : this.#sendPresence())));
      this.#write(sessionRequest(id));
    } else this.#sendPresence();
  }

  #sendPresence(): void {
    if (this.#state === "establishing") this.#finish("session");
    this.#state = "presence";
    this.#begin("presence");
    // RFC 6121 §4.2: initial presence; a non-negative priority so the server routes bare-JID events here.
    if (!this.#write(presence({}, xml("priority", {}, String(this.#o.priority))))) return;
    if (this.#o.readyOnSend) this.#becomeReady();
  }

  #becomeReady(): void {
    this.#finish("presence");
    this.#state = "ready";
    this.#wasReady = true;
    this.#emit({ kind: "phase", phase: "ready", ms: this.#deps.clock.now() - this.#connectStart });
    const resolve = this.#resolveReady;
    this.#resolveReady = this.#rejectReady = undefined;
    resolve?.({ jid: this.#jid, streamId: this.#streamId });
    if (this.#o.ping && this.#state === "ready") this.startPing(this.#o.ping);
  }

  // --- stanzas ---

  #onIq(el: Element): void {
    const info = readIq(el);
    if (info.type === "result" || info.type === "error") {
      this.#requests.settle(el, info.type, info.id, info.from);
      return;
    }
    if (this.#state === "closing") return; // nothing may follow our <close/> (RFC 7395 §3.6)
    // XEP-0199 §4.1: answer pings; RFC 6120 §8.4: anything else we do not handle gets service-unavailable.
    if (isPing(el)) this.#write(resultOf(el));
    else this.#write(errorReplyOf(el, { condition: "service-unavailable" }));
  }

  #onPresence(el: Element): void {
    const info = readPresence(el);
    if (this.#state === "presence" && this.#o.ready(info, this.#jid)) this.#becomeReady();
    const list = this.#listeners.presence;
    for (let i = 0; i < list.length; i++) list[i]!(info);
  }

  #onMessageStanza(el: Element): void {
    const event = readPubsubEvent(el);
    if (event === undefined) {
      const list = this.#listeners.message;
      if (list.length > 0) {
        const info = readMessage(el);
        for (let i = 0; i < list.length; i++) list[i]!(info);
      }
      return;
    }
    const list = this.#listeners.pubsub;
    for (const item of event.items) {
      const notification = { node: event.node, itemId: item.id, payload: item.payload, attrs: el.attrs };
      for (let i = 0; i < list.length; i++) list[i]!(notification);
    }
  }

  // --- keepalive ---

  #ping(timeoutMs: number, done: (error: XmppError | undefined) => void): void {
    const id = this.#deps.ids.next();
    // Any reply proves the server is alive, an error one included (XEP-0199 §4.2: service-unavailable).
    this.#requests.add(id, this.#o.domain, "ping", timeoutMs, (error) => done(error instanceof StanzaError ? undefined : error));
    this.#write(pingRequest(id, this.#o.domain));
  }

  #onPingEvent(event: PingEvent): void {
    this.#emit(event);
    if (event.kind === "ping_dead") this.#fail(new TimeoutError("ping", this.#pingTimeoutMs));
  }

  // --- phases, writing, ending ---

  #openStream(state: "opening" | "restarting", phase: Phase): void {
    this.#state = state;
    this.#begin(phase);
    this.#write(clientOpen(this.#o.domain));
  }

  #begin(phase: Phase, armTimer = true): void {
    this.#phase = phase;
    this.#phaseStart = this.#deps.clock.now();
    if (armTimer) {
      this.#phaseTimeoutMs = this.#o.timeouts[phase as keyof ResolvedOptions["timeouts"]];
      this.#phaseTimer = this.#deps.clock.setTimeout(this.#onPhaseTimeout, this.#phaseTimeoutMs);
    }
  }

  #finish(phase: Phase): void {
    this.#clearPhaseTimer();
    this.#phase = undefined;
    this.#emit({ kind: "phase", phase, ms: this.#deps.clock.now() - this.#phaseStart });
  }

  #clearPhaseTimer(): void {
    if (this.#phaseTimer !== undefined) this.#deps.clock.clearTimeout(this.#phaseTimer);
    this.#phaseTimer = undefined;
  }

  #emit(event: SessionEvent): void {
    const list = this.#listeners.event;
    for (let i = 0; i < list.length; i++) list[i]!(event);
  }

  /** Writes one element; on a transport failure ends the session (unless already ending) and returns false. */
  #write(el: Element, endOnFailure = true): boolean {
    if (this.#transportGone || !this.#transport) return false;
    try {
      this.#transport.send(el.toString());
      return true;
    } catch (e) {
      if (endOnFailure) this.#end(new ConnectionClosedError(undefined, "", `sending failed: ${e instanceof Error ? e.message : String(e)}`));
      return false;
    }
  }

  #guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.#fail(toXmppError(e));
    }
  }

  #onCloseTimeout(): void {
    this.#closeTimer = undefined;
    this.#end(new TimeoutError("close", this.#o.timeouts.close));
  }

  /** Ends with an error, telling the server why when the stream is still open (RFC 6120 §4.9.1.1). */
  #fail(error: XmppError, answerClose = false): void {
    if (this.#state === "closed") return;
    const streamOpen = !this.#transportGone && this.#state !== "connecting" && this.#state !== "idle" && this.#state !== "closing";
    if (streamOpen && !(error instanceof StreamError) && !(error instanceof RedirectError)) {
      const streamError = answerClose ? undefined : sessionStreamError(error);
      if (streamError) this.#write(streamError.toElement(), false);
      this.#write(closeFrame(), false);
    }
    this.#end(error);
  }

  #end(error: XmppError | undefined): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#clearPhaseTimer();
    if (this.#closeTimer !== undefined) this.#deps.clock.clearTimeout(this.#closeTimer);
    this.#closeTimer = undefined;
    this.stopPing();
    if (!this.#transportGone && this.#transport) {
      this.#transportGone = true;
      try {
        this.#transport.close(1000);
      } catch {
        // The transport is going away either way.
      }
    }
    const reason = error ?? new ConnectionClosedError(undefined, "", "the session was closed");
    this.#requests.cancelAll(reason);
    const reject = this.#rejectReady;
    this.#resolveReady = this.#rejectReady = undefined;
    reject?.(reason);
    const end: SessionEnd = { clean: error === undefined, error, wasReady: this.#wasReady };
    const list = this.#listeners.end;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i]!(end);
      } catch {
        // A failing end listener must not stop the others or the ended promise.
      }
    }
    this.#resolveEnded(end);
  }
}
