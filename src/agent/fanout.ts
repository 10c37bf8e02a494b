// Delivery accounting for supervisors' Team/{id}/Users events (finesse_event_* with role=supervisor,
// node=team). One ledger per host event loop (a k6 VU), shared by the agents it drives.
//
// Team events may carry no requestId (Finesse documents requestId only as best effort), so a supervisor
// cannot time an event from its payload alone. The ledger therefore does exact accounting when trigger and
// supervisor share the ledger (same VU: lay out VUs by team): the trigger registers one expectation per
// subscribed local supervisor of its team, with the trigger time; the supervisor's event for that member and
// state settles the oldest match (by requestId when the event has one), and an expectation not settled
// within eventTimeoutMs counts as lost.
// For events from agents driven elsewhere (another VU or load generator), only events whose requestId was
// made by this harness are counted: latency from the requestId's trigger time, and gaps in an agent's
// sequence numbers counted as lost (a gap after the last event seen cannot be detected).
import type { Clock } from "../xmpp/index.ts";
import { Expectation } from "./expectation.ts";
import type { Recorder, Tags } from "./ports.ts";
import { parseRequestId } from "./request-id.ts";

const TAGS = { role: "supervisor", node: "team" } as const;

export class FanoutLedger {
  readonly #clock: Clock;
  readonly #record: Recorder;
  readonly #timeoutMs: number;
  /** teamId (or node) → subscribers of the team's node driven here, with their role tags and whether the member itself counts */
  readonly #supervisors = new Map<string, Map<string, { tags: Tags; self: boolean }>>();
  /** agent ids driven here (their events are accounted by expectations only) */
  readonly #local = new Set<string>();
  /** "supervisor|member" → open expectations, oldest first */
  readonly #pending = new Map<string, Expectation[]>();
  /** "supervisor|member" → last sequence number seen from a remote agent */
  readonly #lastSeq = new Map<string, number>();
  #open = 0;
  readonly #idle: (() => void)[] = [];

  constructor(clock: Clock, record: Recorder, eventTimeoutMs: number) {
    this.#clock = clock;
    this.#record = record;
    this.#timeoutMs = eventTimeoutMs;
  }

  /** Marks an agent as driven by this ledger's host. */
  addLocalAgent(agentId: string): void {
    this.#local.add(agentId.toLowerCase());
  }

  /**
   * A supervisor's Team node subscription is in place (or, with other role tags, any subscriber of a node whose
   * events are about one member; `self`: the member's own subscription counts too); returns the function that ends it.
   */
  addSupervisor(teamId: string, supervisorId: string, tags: Tags = TAGS, self = false): () => void {
    const id = supervisorId.toLowerCase();
    let subs = this.#supervisors.get(teamId);
    if (!subs) this.#supervisors.set(teamId, (subs = new Map()));
    subs.set(id, { tags, self });
    return () => subs.delete(id);
  }

  /**
   * A state change is about to be requested: one expectation per subscribed local supervisor of the team
   * (the agent itself excluded). Confirm them when the request is accepted, cancel them when it is not.
   */
  expect(agentId: string, teamId: string, what: { state: string; requestId: string; triggerAt: number }, tags: Tags): Expectation[] {
    const member = agentId.toLowerCase();
    const out: Expectation[] = [];
    for (const [sup, sub] of this.#supervisors.get(teamId) ?? []) {
      if (sup === member && !sub.self) continue;
      const t = { ...tags, ...sub.tags };
      const key = `${sup}|${member}`;
      this.#open++;
      const e: Expectation = new Expectation(this.#clock, this.#timeoutMs, what,
        () => this.#record("finesse_events_expected", 1, t),
        (latency) => (latency === undefined ? this.#lostSample(t, false) : this.#delivered(latency, t)),
        () => this.#remove(key, e));
      const list = this.#pending.get(key);
      if (list) list.push(e);
      else this.#pending.set(key, [e]);
      out.push(e);
    }
    return out;
  }

  /** A supervisor received a Team event about `memberId` now. */
  receive(supervisorId: string, memberId: string, state: string, requestId: string, tags: Tags): void {
    const member = memberId.toLowerCase();
    const key = `${supervisorId.toLowerCase()}|${member}`;
    if (this.#local.has(member)) {
      const list = (this.#pending.get(key) ?? []).filter((e) => e.open);
      const match = (requestId !== "" ? list.find((e) => e.requestId === requestId) : undefined) ?? list.find((e) => e.state === state);
      match?.receive(); // unmatched: unsolicited, or late after counting as lost
      return;
    }
    const parts = parseRequestId(requestId);
    if (!parts || parts.agentId.toLowerCase() !== member) return;
    const last = this.#lastSeq.get(key);
    if (last !== undefined && parts.seq <= last) return; // duplicate or reordered
    this.#lastSeq.set(key, parts.seq);
    const t = { ...tags, ...TAGS };
    const gap = last === undefined ? 0 : parts.seq - last - 1;
    for (let k = 0; k < gap; k++) this.#lostSample(t, true);
    this.#record("finesse_events_expected", 1, t);
    this.#delivered(this.#clock.now() - parts.epochMs, t);
  }

  /** Expectations not yet settled. */
  get pending(): number {
    return this.#open;
  }

  /** Resolves when every expectation has settled (each within eventTimeoutMs of its trigger). */
  settled(): Promise<void> {
    if (this.#open === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #delivered(latencyMs: number, t: Tags): void {
    this.#record("finesse_event_latency", Math.max(0, latencyMs), t);
    this.#record("finesse_events_received", 1, t);
    this.#record("finesse_event_delivery", 1, t);
  }

  #lostSample(t: Tags, countExpected: boolean): void {
    if (countExpected) this.#record("finesse_events_expected", 1, t);
    this.#record("finesse_events_lost", 1, t);
    this.#record("finesse_event_delivery", 0, t);
  }

  #remove(key: string, e: Expectation): void {
    const list = this.#pending.get(key);
    const i = list ? list.indexOf(e) : -1;
    if (list && i >= 0) list.splice(i, 1);
    if (list && list.length === 0) this.#pending.delete(key);
    this.#open--;
    if (this.#open === 0) for (const f of this.#idle.splice(0)) f();
  }
}
