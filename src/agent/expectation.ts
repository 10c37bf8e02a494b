// One expected event delivery: opened before the REST request is sent (the event may arrive before the
// response), confirmed when the request is accepted, settled by the event or by the timeout. The outcome is
// reported once, only for confirmed expectations, so a refused request never counts as a lost event.
// `onFinish` runs synchronously when the expectation ends either way (outcome or cancel).
import type { Clock } from "../xmpp/index.ts";

/** latency in ms, or undefined when lost (not received within the timeout) or cancelled */
export type Outcome = number | undefined;

export class Expectation {
  readonly state: string;
  readonly requestId: string;
  readonly triggerAt: number;
  readonly done: Promise<Outcome>;
  readonly #clock: Clock;
  readonly #onConfirm: () => void;
  readonly #onOutcome: (latency: Outcome) => void;
  readonly #onFinish: (() => void) | undefined;
  #resolve!: (o: Outcome) => void;
  #timer: unknown;
  #confirmed = false;
  #finished = false;
  /** undefined: open; null: timed out; number: latency */
  #result: number | null | undefined = undefined;

  constructor(clock: Clock, timeoutMs: number, what: { state: string; requestId: string; triggerAt: number }, onConfirm: () => void, onOutcome: (latency: Outcome) => void, onFinish?: () => void) {
    this.#clock = clock;
    this.state = what.state;
    this.requestId = what.requestId;
    this.triggerAt = what.triggerAt;
    this.#onConfirm = onConfirm;
    this.#onOutcome = onOutcome;
    this.#onFinish = onFinish;
    this.done = new Promise((resolve) => (this.#resolve = resolve));
    this.#timer = clock.setTimeout(() => this.#settle(null), timeoutMs);
  }

  /** Still waiting for its event. */
  get open(): boolean {
    return this.#result === undefined && !this.#finished;
  }

  /** The event arrived now; false when the expectation was no longer open. */
  receive(): boolean {
    if (!this.open) return false;
    this.#clock.clearTimeout(this.#timer);
    this.#settle(Math.max(0, this.#clock.now() - this.triggerAt));
    return true;
  }

  /** The request was accepted: the delivery is now expected. */
  confirm(): void {
    if (this.#confirmed || this.#finished) return;
    this.#confirmed = true;
    this.#onConfirm();
    if (this.#result !== undefined) this.#finish(this.#result ?? undefined);
  }

  /** The request failed: nothing is expected. */
  cancel(): void {
    if (this.#finished) return;
    this.#clock.clearTimeout(this.#timer);
    this.#finished = true;
    this.#onFinish?.();
    this.#resolve(undefined);
  }

  #settle(result: number | null): void {
    if (this.#result !== undefined || this.#finished) return;
    this.#result = result;
    if (this.#confirmed) this.#finish(result ?? undefined);
  }

  #finish(latency: Outcome): void {
    this.#finished = true;
    this.#onOutcome(latency);
    this.#onFinish?.();
    this.#resolve(latency);
  }
}
