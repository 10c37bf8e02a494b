// A virtual client of any XMPP server (no Finesse REST, no `finesse@` presence): session ready on its own
// presence echo (RFC 6121 §4.2.2); a publisher creates its node (XEP-0060 §8.1, `conflict` = it exists),
// subscribes to it (§6.1) and publishes trigger items (§7.1) at behaviour.stateChangesPerMinute; watchers
// subscribe to the nodes of their team's publishers. Every delivery (§7.1.2) is timed and accounted in the
// VU's FanoutLedger (role publisher = the node's own subscription, watcher = the others; node kind "agent").
import type { Agent, Behaviour } from "../config/index.ts";
import { createNodeRequest, StanzaError, type PubsubNotification, type SaslMechanism, type SessionEnd, type XmppSession } from "../xmpp/index.ts";
import { errorMessage, errorTags } from "./errors.ts";
import type { FanoutLedger } from "./fanout.ts";
import type { HoldReport, StartReport, StopReport } from "./options.ts";
import type { AgentPorts, Tags } from "./ports.ts";
import { Reconnector } from "./reconnect.ts";
import { formatRequestId, parseRequestId } from "./request-id.ts";
import { openSession } from "./session.ts";
import { sleep } from "./sleep.ts";
import { readTrigger, triggerPayload } from "./trigger.ts";
import type { XmppRole } from "./xmpp-plan.ts";

export interface XmppTarget {
  name: string;
  wsUrl: string;
  domain: string;
  pubsub: string;
  mechanisms?: readonly SaslMechanism[] | undefined;
  /** false: nodes are pre-created */
  createNodes: boolean;
  /** true: login success counts only once the watched nodes are subscribed too */
  barrier: boolean;
}

export interface XmppAgentOptions {
  agent: Agent;
  target: XmppTarget;
  role: XmppRole;
  behaviour: Behaviour;
  resource: string;
  ledger: FanoutLedger;
  tags?: Tags;
}

const ROLE = { publisher: { role: "publisher", node: "agent" }, watcher: { role: "watcher", node: "agent" } } as const;

export class XmppAgent {
  readonly agent: Agent;
  readonly #p: AgentPorts;
  readonly #o: XmppAgentOptions;
  readonly #tags: Tags;
  readonly #reconnector: Reconnector;
  readonly #report: StartReport = { systemInfo: true, ready: false, subscribed: false, login: false, error: undefined };
  #session: XmppSession | undefined;
  /** confirmed subscriptions of the current session, each with its ledger entry's remover */
  #subs: { node: string; remove: () => void }[] = [];
  /** every node subscribed so far, with its role: what a new session subscribes to again */
  readonly #specs = new Map<string, { tags: Tags; self: boolean }>();
  #stopping = false;
  #seq = 0;

  constructor(ports: AgentPorts, options: XmppAgentOptions) {
    this.#p = ports;
    this.#o = options;
    this.agent = options.agent;
    this.#tags = { ...options.tags, target: options.target.name };
    this.#reconnector = new Reconnector(ports, options.behaviour.reconnect, {
      inService: () => Promise.resolve(true),
      attempt: (cause) => this.#recover(cause),
      stopping: () => this.#stopping,
      tags: () => this.#tags,
    });
    options.ledger.addLocalAgent(options.agent.id);
  }

  /** Has nodes of others to watch. */
  get watching(): boolean {
    return this.#o.role.watch.length > 0;
  }

  /** Its own node, when it publishes. */
  get node(): string | undefined {
    return this.#o.role.node;
  }

  /** Session to ready, own node created and subscribed (publishers). Never rejects. */
  async start(): Promise<StartReport> {
    const r = this.#report;
    try {
      await this.#open();
      r.ready = true;
      const node = this.#o.role.node;
      if (node) {
        if (this.#o.target.createNodes) await this.#create(node);
        await this.#subscribe(node, ROLE.publisher, true);
      }
      r.subscribed = r.login = true;
    } catch (e) {
      this.#fail(e);
    }
    if (!this.#o.target.barrier) this.#p.record("finesse_login_success", r.login ? 1 : 0, this.#tags);
    return r;
  }

  /** Subscribes to the watched nodes but `skip` (call once their publishers have started). Never rejects. */
  async watch(skip: ReadonlySet<string | undefined>): Promise<void> {
    const r = this.#report;
    if (r.login) {
      try {
        for (const node of this.#o.role.watch) if (!skip.has(node)) await this.#subscribe(node, ROLE.watcher, false);
      } catch (e) {
        this.#fail(e);
      }
    }
    if (this.#o.target.barrier) this.#p.record("finesse_login_success", r.login ? 1 : 0, this.#tags);
  }

  /** Holds the session for `ms`: pings, publishes (publishers), reconnects on loss. */
  async hold(ms: number): Promise<HoldReport> {
    const report: HoldReport = { stateChanges: 0, stateChangesOk: 0, lost: 0, recovered: 0, gaveUp: false, losses: [] };
    const rate = this.#o.role.node ? this.#o.behaviour.stateChangesPerMinute : 0;
    const period = rate > 0 ? 60_000 / rate : Infinity;
    const clock = this.#p.clock;
    const end = clock.now() + ms;
    for (let i = 0; i < 1_000_000 && !this.#stopping; i++) {
      const left = end - clock.now();
      if (left <= 0) break;
      await sleep(clock, Math.min(left, period * (0.5 + this.#p.random())));
      if (clock.now() >= end) break;
      await this.#reconnector.idle();
      if (this.#reconnector.gaveUp) break;
      if (this.#session?.state !== "ready") continue;
      report.stateChanges++;
      if (await this.#publish()) report.stateChangesOk++;
    }
    await this.#reconnector.idle();
    const rc = this.#reconnector;
    Object.assign(report, { lost: rc.lost, recovered: rc.recovered, gaveUp: rc.gaveUp, losses: rc.losses.map((l) => ({ ...l })) });
    return report;
  }

  /** Unsubscribes and closes. Never rejects. */
  async stop(): Promise<StopReport> {
    this.#stopping = true;
    await this.#reconnector.idle();
    const s = this.#session;
    const subs = this.#dropSubs();
    if (s?.state === "ready") {
      await Promise.all(subs.map((n) => s.unsubscribe(n, { timeoutMs: this.#o.behaviour.phaseTimeoutMs }).catch((e) => this.#error(e))));
    }
    let closed = false;
    if (s) {
      const wasReady = s.state === "ready";
      closed = (await s.close()).clean;
      if (wasReady) this.#p.record("xmpp_sessions_closed", 1, { ...this.#tags, cause: "logout" });
    }
    return { logout: true, closed };
  }

  // --- steps ---

  #open(): Promise<XmppSession> {
    const { target: t, behaviour } = this.#o;
    return openSession(this.#p, {
      agent: this.agent, wsUrl: t.wsUrl, domain: t.domain, pubsub: t.pubsub, resource: this.#o.resource, readyWhen: "echo",
      mechanisms: t.mechanisms, behaviour, tags: this.#tags,
    }, {
      created: (s) => (this.#session = s),
      pubsub: (n) => this.#onPubsub(n),
      end: (s, end) => this.#onEnd(s, end),
      pingDead: (s) => s === this.#session && this.#lost("ping"),
    });
  }

  /** XEP-0060 §8.1.1; a node that already exists (`conflict`, §8.1.1.3) is what we wanted. */
  async #create(node: string): Promise<void> {
    const s = this.#session!;
    try {
      await s.request(createNodeRequest({ id: this.#p.ids.next(), to: this.#o.target.pubsub, node }), this.#o.behaviour.phaseTimeoutMs);
    } catch (e) {
      if (!(e instanceof StanzaError && e.condition === "conflict")) throw e;
    }
  }

  async #subscribe(node: string, tags: Tags, self: boolean): Promise<void> {
    const t0 = this.#p.clock.now();
    await this.#session!.subscribe(node, { timeoutMs: this.#o.behaviour.phaseTimeoutMs });
    this.#p.record("xmpp_subscribe", this.#p.clock.now() - t0, this.#tags);
    this.#specs.set(node, { tags, self });
    this.#subs.push({ node, remove: this.#o.ledger.addSupervisor(node, this.agent.id, tags, self) });
  }

  /** Ends the ledger entries of the current session's subscriptions; returns their nodes. */
  #dropSubs(): string[] {
    return this.#subs.splice(0).map((x) => (x.remove(), x.node));
  }

  /** One event: the expectations of every subscriber driven here, then the publish; true when all were delivered. */
  async #publish(): Promise<boolean> {
    const { ledger, behaviour } = this.#o;
    const node = this.#o.role.node!;
    const clock = this.#p.clock;
    const t0 = clock.now();
    const id = formatRequestId({ agentId: this.agent.id, seq: ++this.#seq, epochMs: t0 });
    // state = the id: a delivery settles only its own trigger (a stale item sent on subscribe never does)
    const waits = ledger.expect(this.agent.id, node, { state: id, requestId: id, triggerAt: t0 }, this.#tags);
    try {
      await this.#session!.publish(node, triggerPayload(id), { timeoutMs: behaviour.phaseTimeoutMs });
      this.#p.record("xmpp_publish", clock.now() - t0, this.#tags);
    } catch (e) {
      for (const w of waits) w.cancel();
      this.#error(e);
      return false;
    }
    for (const w of waits) w.confirm();
    const outcomes = await Promise.all(waits.map((w) => w.done));
    return outcomes.every((o) => o !== undefined);
  }

  async #recover(cause: string): Promise<void> {
    this.#p.record("xmpp_reconnects", 1, { ...this.#tags, cause });
    this.#dropSubs();
    try {
      await this.#open();
      for (const [node, x] of this.#specs) await this.#subscribe(node, x.tags, x.self);
    } catch (e) {
      const s = this.#session;
      this.#session = undefined;
      if (s?.state === "ready") void s.close({ unavailable: false });
      throw e;
    }
  }

  // --- session callbacks ---

  #onPubsub(n: PubsubNotification): void {
    const id = readTrigger(n.payload);
    const member = id === undefined ? undefined : parseRequestId(id)?.agentId;
    if (id && member) this.#o.ledger.receive(this.agent.id, member, id, id, this.#tags);
  }

  #onEnd(s: XmppSession, end: SessionEnd): void {
    if (s !== this.#session || this.#stopping || !end.wasReady) return;
    if (end.error) this.#error(end.error);
    this.#lost("closed");
  }

  #lost(cause: string): void {
    const s = this.#session;
    if (this.#stopping || !s) return;
    this.#session = undefined;
    this.#p.record("xmpp_sessions_closed", 1, { ...this.#tags, cause });
    if (s.state === "ready") void s.close({ unavailable: false });
    this.#reconnector.begin(cause);
  }

  #fail(e: unknown): void {
    this.#error(e);
    this.#report.login = this.#report.subscribed = false;
    this.#report.error ??= errorMessage(e);
  }

  #error(e: unknown): void {
    this.#p.record("harness_errors", 1, { ...this.#tags, ...errorTags(e) });
  }
}
