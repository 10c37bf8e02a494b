// IQ correlation (RFC 6120 §8.2.3): every get/set gets exactly one result or error with the same id.
// Each pending request has a timeout; its timer is cleared on every path (reply, timeout, cancel).
import type { Element } from "../xml/index.ts";
import { jidEquals } from "./jid.ts";
import { StanzaError, TimeoutError, type XmppError } from "./errors.ts";
import type { Clock } from "./ports.ts";

/** Called once: with an error, or with the `type="result"` reply. */
export type ReplyCallback = (error: XmppError | undefined, reply: Element | undefined) => void;

interface Pending {
  id: string;
  expectedFrom: string | undefined;
  label: string;
  timeoutMs: number;
  timer: unknown;
  done: ReplyCallback;
  correlator: Requests;
}

function onTimeout(this: Pending): void {
  this.correlator.expire(this.id);
}

export class Requests {
  readonly #clock: Clock;
  readonly #pending = new Map<string, Pending>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#pending.size;
  }

  has(id: string): boolean {
    return this.#pending.has(id);
  }

  /**
   * Waits for the reply to iq `id`. A reply counts only when its `from` is absent or equals `expectedFrom`
   * (the request's `to`), so a third party cannot answer for the server. `label` names the wait in a
   * `TimeoutError`.
   */
  add(id: string, expectedFrom: string | undefined, label: string, timeoutMs: number, done: ReplyCallback): void {
    if (this.#pending.has(id)) throw new Error(`iq id ${JSON.stringify(id)} is already pending`);
    const p: Pending = { id, expectedFrom, label, timeoutMs, timer: undefined, done, correlator: this };
    p.timer = this.#clock.setTimeout(onTimeout.bind(p), timeoutMs);
    this.#pending.set(id, p);
  }

  /** Promise form of `add`: resolves with the result iq, rejects with `StanzaError` or `TimeoutError`. */
  wait(id: string, expectedFrom: string | undefined, label: string, timeoutMs: number): Promise<Element> {
    return new Promise<Element>((resolve, reject) => {
      this.add(id, expectedFrom, label, timeoutMs, (error, reply) => (error ? reject(error) : resolve(reply!)));
    });
  }

  /** Offers a result/error iq; returns false when nothing waits for it (unknown id or unexpected sender). */
  settle(reply: Element, type: "result" | "error", id: string, from: string | undefined): boolean {
    const p = this.#pending.get(id);
    if (!p) return false;
    if (from !== undefined && p.expectedFrom !== undefined && !jidEquals(from, p.expectedFrom)) return false;
    this.#finish(p);
    if (type === "result") p.done(undefined, reply);
    else p.done(StanzaError.fromElement(reply), undefined);
    return true;
  }

  /** Times out request `id` now (called by its timer). */
  expire(id: string): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    p.done(new TimeoutError(p.label, p.timeoutMs), undefined);
  }

  /** Fails every pending request with `error` (the session ended). */
  cancelAll(error: XmppError): void {
    const all = [...this.#pending.values()];
    for (const p of all) this.#finish(p);
    for (const p of all) p.done(error, undefined);
  }

  #finish(p: Pending): void {
    this.#clock.clearTimeout(p.timer);
    this.#pending.delete(p.id);
  }
}
