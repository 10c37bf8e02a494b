// Test support: a client session wired to a fake transport and clock, and the server's side of a
// login scripted frame by frame (no Node APIs, so code built on this layer can reuse it).
import type { Element } from "../xml/index.ts";
import { bindResult, bindFeature, sessionFeature } from "./bind.ts";
import { serverOpen, streamFeatures } from "./framing.ts";
import { base64, FakeClock, fakeConnect, type FakeTransport } from "./fakes.ts";
import { sequentialIds } from "./ids.ts";
import { mechanismsFeature, saslSuccess } from "./sasl.ts";
import { XmppSession } from "./session.ts";
import type { SessionOptions } from "./session-options.ts";
import type { SessionEnd, SessionEvent, PubsubNotification } from "./session-types.ts";
import { unframe } from "./framing.ts";

export const DOMAIN = "finesse-a.example.com";
export const FULL_JID = `1001001@${DOMAIN}/vagent-test`;

export interface Harness {
  clock: FakeClock;
  session: XmppSession;
  events: SessionEvent[];
  notifications: PubsubNotification[];
  ends: SessionEnd[];
  transports: FakeTransport[];
  /** The first transport (after connect). */
  readonly t: FakeTransport;
}

export function harness(options: Partial<SessionOptions> = {}): Harness {
  const clock = new FakeClock();
  const { connect, transports } = fakeConnect();
  const session = new XmppSession(
    { connect, clock, ids: sequentialIds("c"), base64 },
    { url: `wss://${DOMAIN}:8445/ws/`, domain: DOMAIN, username: "1001001", password: "secret", resource: "vagent-test", ...options },
  );
  const events: SessionEvent[] = [];
  const notifications: PubsubNotification[] = [];
  const ends: SessionEnd[] = [];
  session.on("event", (e) => events.push(e));
  session.on("pubsub", (n) => notifications.push(n));
  session.on("end", (e) => ends.push(e));
  return {
    clock, session, events, notifications, ends, transports,
    get t() {
      const t = transports[0];
      if (!t) throw new Error("connect() was not called");
      return t;
    },
  };
}

export function features(...children: Element[]): string {
  return streamFeatures(...children).toString();
}

export const PLAIN_FEATURES = features(mechanismsFeature(["PLAIN"]));
export const BIND_FEATURES = features(bindFeature(), sessionFeature());

/** The id of the last iq the client sent. */
export function lastIqId(t: FakeTransport): string {
  const last = t.sent[t.sent.length - 1];
  const id = last === undefined ? undefined : unframe(last).el.attrs.id;
  if (!id) throw new Error(`last frame is not an iq with an id: ${String(last)}`);
  return id;
}

/** Plays the server through a whole login, advancing the clock `stepMs` before each server frame. */
export function playLogin(h: Harness, options: { stepMs?: number; session?: boolean; readyPresence?: string } = {}): void {
  const step = options.stepMs ?? 0;
  const { t, clock } = h;
  clock.advance(step);
  t.open();
  clock.advance(step);
  t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  t.receive(PLAIN_FEATURES);
  clock.advance(step);
  t.receive(saslSuccess().toString());
  clock.advance(step);
  t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
  t.receive(options.session === false ? features(bindFeature()) : BIND_FEATURES);
  clock.advance(step);
  t.receive(bindResult(unframe(t.sent[t.sent.length - 1]!).el, FULL_JID).toString());
  if (options.session !== false) {
    clock.advance(step);
    t.receive(`<iq xmlns="jabber:client" type="result" id="${lastIqId(t)}"/>`);
  }
  clock.advance(step);
  t.receive(options.readyPresence ?? `<presence xmlns="jabber:client" from="finesse@${DOMAIN}/Finesse" to="${FULL_JID}"/>`);
}
