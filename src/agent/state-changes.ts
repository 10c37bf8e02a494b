// State changes of one agent timed to their User events (Finesse developer guide, requestId): a requestId per
// change, one self expectation plus the ledger's supervisor expectations, settled by the matching event, an
// asynchronous `<apiErrors>` event, or the event timeout.
import type { FinesseUpdate, StateChange } from "../finesse/index.ts";
import { Expectation } from "./expectation.ts";
import type { FanoutLedger } from "./fanout.ts";
import type { AgentPorts, Tags } from "./ports.ts";
import { formatRequestId } from "./request-id.ts";

export interface StateChangesOptions {
  agentId: string;
  teamId: string;
  ledger: FanoutLedger;
  eventTimeoutMs: number;
  /** tags of the node in use (target), read per sample */
  tags(): Tags;
  /** Sends the PUT; resolves when accepted, throws otherwise. */
  put(change: StateChange, requestId: string): Promise<void>;
  /** Records a failed request. */
  error(e: unknown): void;
}

export class StateChanges {
  readonly #p: AgentPorts;
  readonly #o: StateChangesOptions;
  #seq = 0;
  readonly #waits = new Set<Expectation>();
  readonly #refused = new Map<string, string>();
  readonly #supervisors = new Map<string, Expectation[]>();

  constructor(ports: AgentPorts, options: StateChangesOptions) {
    this.#p = ports;
    this.#o = options;
  }

  /** Requests `change` and waits for its event (state `expectState`); true when it arrived and was no error. */
  async change(change: StateChange, expectState: string): Promise<boolean> {
    const o = this.#o;
    const triggerAt = this.#p.clock.now();
    const requestId = formatRequestId({ agentId: o.agentId, seq: ++this.#seq, epochMs: triggerAt });
    const self = this.#expectSelf(expectState, requestId, triggerAt);
    const sups = o.ledger.expect(o.agentId, o.teamId, { state: expectState, requestId, triggerAt }, o.tags());
    this.#supervisors.set(requestId, sups);
    try {
      await o.put(change, requestId);
    } catch (e) {
      self.cancel();
      for (const w of sups) w.cancel();
      this.#supervisors.delete(requestId);
      o.error(e);
      return false;
    }
    self.confirm();
    for (const w of sups) w.confirm();
    const latency = await self.done;
    this.#supervisors.delete(requestId);
    const refused = this.#refused.get(requestId);
    this.#refused.delete(requestId);
    if (refused !== undefined) {
      this.#p.record("harness_errors", 1, { ...o.tags(), kind: "finesse_api", condition: refused });
      return false;
    }
    return latency !== undefined;
  }

  /**
   * An event on the agent's User node. Returns whether it answered one of our requests (false for
   * unsolicited events, e.g. a forced logout).
   */
  onUserUpdate(u: FinesseUpdate): boolean {
    const open = [...this.#waits].filter((w) => w.open);
    if (u.kind === "api-error") {
      const wait = u.requestId === "" ? undefined : open.find((w) => w.requestId === u.requestId);
      if (!wait) return false;
      this.#refused.set(u.requestId, u.errors[0]?.errorType || "api_error");
      for (const w of this.#supervisors.get(u.requestId) ?? []) w.cancel(); // no Team event will follow
      wait.receive();
      return true;
    }
    if (u.kind !== "user") return false;
    // requestId is "a best effort request-response correlation" (Finesse developer guide): fall back to the oldest
    // wait for the same state.
    const wait = (u.requestId !== "" ? open.find((w) => w.requestId === u.requestId) : undefined) ?? open.find((w) => w.state === u.user.state);
    return wait?.receive() ?? false;
  }

  /** Ends every open wait without counting it. */
  cancelAll(): void {
    for (const w of this.#waits) w.cancel();
  }

  #expectSelf(state: string, requestId: string, triggerAt: number): Expectation {
    const t = { ...this.#o.tags(), role: "self", node: "user" };
    const rec = this.#p.record;
    const e: Expectation = new Expectation(this.#p.clock, this.#o.eventTimeoutMs, { state, requestId, triggerAt },
      () => rec("finesse_events_expected", 1, t),
      (latency) => {
        if (latency === undefined) {
          rec("finesse_events_lost", 1, t);
          rec("finesse_event_delivery", 0, t);
        } else {
          rec("finesse_event_latency", latency, t);
          rec("finesse_events_received", 1, t);
          rec("finesse_event_delivery", 1, t);
        }
      },
      () => this.#waits.delete(e));
    this.#waits.add(e);
    return e;
  }
}
