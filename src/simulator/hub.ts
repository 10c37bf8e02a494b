// Sessions by JID and pubsub delivery: automatic subscriptions of bare JIDs, persistent explicit
// subscriptions (Finesse developer guide, "Subscription Management"), and the Finesse event envelope
// (as captured from Finesse 12.5 in pokornyIt/finesse-api XMPP/*.xml).
import { randomUUID } from "node:crypto";
import { notificationMessage } from "../finesse/index.ts";
import { randomToken } from "../xmpp/index.ts";

/** What the hub needs of a bound XMPP session. */
export interface BoundSession {
  /** Lower-cased localpart. */
  readonly local: string;
  readonly resource: string;
  readonly fullJid: string;
  readonly bareJid: string;
  /** Initial presence sent and not withdrawn, with non-negative priority (RFC 6121 §8.5.2.1). */
  readonly available: boolean;
  readonly closed: boolean;
  send(text: string): void;
  /** Ends the session with a stream error (e.g. conflict). */
  kick(condition: "conflict" | "system-shutdown" | "policy-violation"): void;
}

export interface Subscription {
  node: string;
  /** As the subscriber gave it (bare or full). */
  jid: string;
  full: boolean;
}

export interface HubOptions {
  domain: string;
  pubsubDomain: string;
  notificationNs: string;
  random: () => number;
  /** Fraction of deliveries to drop (fault injection). */
  dropFraction(): number;
  /** Extra delay before deliveries (fault injection). */
  eventLatencyMs(): number;
  /** A user's last available session went away, or a first one appeared. */
  onAvailability(local: string, available: boolean): void;
}

export interface PublishStats {
  published: number;
  delivered: number;
  dropped: number;
}

function fullKey(local: string, resource: string): string {
  return `${local}/${resource}`;
}

/** A JID given in a subscription, normalised to a key: localpart lower-cased, resource kept. */
function jidKey(jid: string): { local: string; resource: string } | undefined {
  const slash = jid.indexOf("/");
  const head = slash < 0 ? jid : jid.slice(0, slash);
  const at = head.indexOf("@");
  if (at <= 0) return undefined;
  return { local: head.slice(0, at).toLowerCase(), resource: slash < 0 ? "" : jid.slice(slash + 1) };
}

export class Hub {
  readonly stats: PublishStats = { published: 0, delivered: 0, dropped: 0 };
  readonly #o: HubOptions;
  readonly #byLocal = new Map<string, Set<BoundSession>>();
  readonly #byFull = new Map<string, BoundSession>();
  readonly #subs = new Map<string, Map<string, Subscription>>();
  // Item ids as Openfire 4.x LeafNode makes them: a UUID generated once per process followed by a global counter.
  readonly #itemSeed = randomUUID();
  #counter = 0;

  constructor(options: HubOptions) {
    this.#o = options;
  }

  get sessionCount(): number {
    return this.#byFull.size;
  }

  sessionsOf(local: string): ReadonlySet<BoundSession> {
    return this.#byLocal.get(local) ?? new Set();
  }

  allSessions(): IterableIterator<BoundSession> {
    return this.#byFull.values();
  }

  existing(local: string, resource: string): BoundSession | undefined {
    return this.#byFull.get(fullKey(local, resource));
  }

  bind(s: BoundSession): void {
    this.#byFull.set(fullKey(s.local, s.resource), s);
    let set = this.#byLocal.get(s.local);
    if (!set) this.#byLocal.set(s.local, (set = new Set()));
    set.add(s);
  }

  unbind(s: BoundSession): void {
    const key = fullKey(s.local, s.resource);
    if (this.#byFull.get(key) === s) this.#byFull.delete(key);
    const set = this.#byLocal.get(s.local);
    if (set?.delete(s) && set.size === 0) this.#byLocal.delete(s.local);
    this.availabilityChanged(s.local);
  }

  /** Call after a session's availability changed. */
  availabilityChanged(local: string): void {
    this.#o.onAvailability(local, this.isAvailable(local));
  }

  isAvailable(local: string): boolean {
    for (const s of this.#byLocal.get(local) ?? []) if (s.available && !s.closed) return true;
    return false;
  }

  subscribe(node: string, jid: string): Subscription {
    let map = this.#subs.get(node);
    if (!map) this.#subs.set(node, (map = new Map()));
    const k = jidKey(jid)!;
    const sub = { node, jid, full: k.resource !== "" };
    map.set(fullKey(k.local, k.resource), sub);
    return sub;
  }

  /** False when there was no such subscription. */
  unsubscribe(node: string, jid: string): boolean {
    const k = jidKey(jid);
    const map = this.#subs.get(node);
    if (!k || !map) return false;
    const removed = map.delete(fullKey(k.local, k.resource));
    if (map.size === 0) this.#subs.delete(node);
    return removed;
  }

  /** Explicit subscriptions held by a user (any resource). */
  subscriptionsOf(local: string): Subscription[] {
    const out: Subscription[] = [];
    for (const map of this.#subs.values()) for (const sub of map.values()) if (jidKey(sub.jid)?.local === local) out.push(sub);
    return out;
  }

  /**
   * Publishes one item: to every available session of each automatic subscriber (addressed to the bare
   * JID) and to each explicit subscriber (addressed as subscribed: bare → all its available sessions).
   */
  publish(node: string, updateText: string, automatic: Iterable<string>): void {
    this.stats.published += 1;
    const itemId = `${this.#itemSeed}${++this.#counter}`;
    const targets: Array<[BoundSession, string]> = [];
    const auto = automatic instanceof Set ? (automatic as Set<string>) : new Set(automatic);
    for (const local of auto) this.#collect(local, "", targets);
    for (const sub of this.#subs.get(node)?.values() ?? []) {
      const k = jidKey(sub.jid);
      // An explicit bare-JID subscription of an automatic subscriber is the same subscription.
      if (k && !(k.resource === "" && auto.has(k.local))) this.#collect(k.local, k.resource, targets, sub.jid);
    }
    if (targets.length === 0) return;
    const o = this.#o;
    const el = notificationMessage({ from: o.pubsubDomain, to: "", id: "", node, itemId, notificationNs: o.notificationNs, updateText });
    const deliver = () => {
      for (const [s, to] of targets) {
        if (s.closed) continue;
        const drop = o.dropFraction();
        if (drop > 0 && o.random() < drop) {
          this.stats.dropped += 1;
          continue;
        }
        el.attrs.to = to;
        el.attrs.id = randomToken(8, o.random);
        s.send(el.toString());
        this.stats.delivered += 1;
      }
    };
    const delay = o.eventLatencyMs();
    if (delay > 0) setTimeout(deliver, delay);
    else deliver();
  }

  /**
   * One envelope per available session for `updateOf(local)` on its user's node, as publish() would send
   * it (benchmark bursts: the payload is rendered once per session, not per event).
   */
  renderFor(s: BoundSession, node: string, updateText: string): string {
    const o = this.#o;
    const itemId = `${this.#itemSeed}${++this.#counter}`;
    const el = notificationMessage({ from: o.pubsubDomain, to: s.bareJid, id: randomToken(8, o.random), node, itemId, notificationNs: o.notificationNs, updateText });
    return el.toString();
  }

  #collect(local: string, resource: string, out: Array<[BoundSession, string]>, as?: string): void {
    if (resource !== "") {
      const s = this.#byFull.get(fullKey(local, resource));
      if (s?.available) out.push([s, as ?? s.fullJid]);
      return;
    }
    for (const s of this.#byLocal.get(local) ?? []) if (s.available) out.push([s, as ?? s.bareJid]);
  }
}
