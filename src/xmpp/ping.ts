// XMPP ping (XEP-0199): builders, and a keepalive loop that pings the server every interval, times each
// ping out, and declares the stream dead after a number of consecutive misses (the Finesse desktop uses
// 10 s / 10 s / 2).
import { xml, type Element } from "../xml/index.ts";
import { OptionError, type XmppError } from "./errors.ts";
import { NS_PING } from "./ns.ts";
import type { Clock } from "./ports.ts";
import { iq } from "./stanza.ts";

/** `<iq type="get" to=…><ping xmlns="urn:xmpp:ping"/></iq>` (XEP-0199 §4.2). */
export function pingRequest(id: string, to: string): Element {
  return iq({ type: "get", id, to }, xml("ping", { xmlns: NS_PING }));
}

/** Whether an iq get is a ping (XEP-0199 §4.1). */
export function isPing(el: Element): boolean {
  return el.attrs.type === "get" && el.getChild("ping", NS_PING) !== undefined;
}

export interface PingOptions {
  intervalMs: number;
  timeoutMs: number;
  /** Consecutive unanswered pings after which the stream is considered dead. */
  maxMisses: number;
}

export const FINESSE_PING: PingOptions = { intervalMs: 10_000, timeoutMs: 10_000, maxMisses: 2 };

/** What the keepalive reports. */
export type PingEvent =
  | { kind: "ping"; rttMs: number }
  | { kind: "ping_miss"; misses: number; error: XmppError }
  | { kind: "ping_dead"; misses: number };

export interface PingerDeps {
  clock: Clock;
  /** Sends one ping; calls back with an error (timeout, closed) or the reply (result or error iq). */
  ping(timeoutMs: number, done: (error: XmppError | undefined) => void): void;
  report(event: PingEvent): void;
}

/** Checks ping options, naming the bad field. */
export function checkPingOptions(o: PingOptions): void {
  for (const k of ["intervalMs", "timeoutMs", "maxMisses"] as const) {
    const v = o[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new OptionError(`ping.${k}`, `must be a positive number, got ${String(v)}`);
  }
}

export class Pinger {
  readonly #deps: PingerDeps;
  readonly #options: PingOptions;
  #timer: unknown = undefined;
  #running = false;
  #inFlight = false;
  #misses = 0;
  #generation = 0;

  constructor(deps: PingerDeps, options: PingOptions) {
    checkPingOptions(options);
    this.#deps = deps;
    this.#options = options;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Starts pinging; the first ping goes out after one interval. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#misses = 0;
    this.#schedule(this.#options.intervalMs);
  }

  /** Stops pinging; a ping in flight is ignored when it completes. */
  stop(): void {
    this.#running = false;
    this.#generation++;
    this.#inFlight = false;
    if (this.#timer !== undefined) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(ms: number): void {
    this.#timer = this.#deps.clock.setTimeout(() => this.#fire(), Math.max(0, ms));
  }

  #fire(): void {
    this.#timer = undefined;
    if (!this.#running || this.#inFlight) return;
    const generation = this.#generation;
    const sentAt = this.#deps.clock.now();
    this.#inFlight = true;
    let settled = false;
    this.#deps.ping(this.#options.timeoutMs, (error) => {
      if (settled || generation !== this.#generation) return;
      settled = true;
      this.#inFlight = false;
      const now = this.#deps.clock.now();
      if (error === undefined) {
        this.#misses = 0;
        this.#deps.report({ kind: "ping", rttMs: now - sentAt });
      } else {
        this.#misses++;
        this.#deps.report({ kind: "ping_miss", misses: this.#misses, error });
        if (this.#misses >= this.#options.maxMisses) {
          this.stop();
          this.#deps.report({ kind: "ping_dead", misses: this.#misses });
          return;
        }
      }
      if (this.#running) this.#schedule(sentAt + this.#options.intervalMs - now);
    });
  }
}
