// The virtual agent (the desktop's sequence, Finesse developer guide): SystemInfo → XMPP session ready → Team
// subscription (supervisors) → REST LOGIN timed to its event → hold (pings, READY ⇄ NOT_READY) with reconnects,
// to the other node of the pair when that one is in service instead ("Notifications on Finesse Desktop") →
// LOGOUT and close.
// Everything is callbacks and promises on the host's event loop: one loop may drive many agents.
import type { Agent } from "../config/index.ts";
import {
  parseNode, parseUpdate, payloadText, teamUsersNode, type FinesseUpdate, type StateChange,
} from "../finesse/index.ts";
import type { PubsubNotification, SessionEnd, XmppSession } from "../xmpp/index.ts";
import { errorMessage, errorTags } from "./errors.ts";
import type { AgentPorts, Tags } from "./ports.ts";
import { NodeChoice, buildNodes, type FinesseNode } from "./nodes.ts";
import { Reconnector } from "./reconnect.ts";
import { openSession } from "./session.ts";
import type { HoldReport, StartReport, StopReport, VirtualAgentOptions } from "./options.ts";
import { sleep } from "./sleep.ts";
import { StateChanges } from "./state-changes.ts";

export class VirtualAgent {
  readonly agent: Agent;
  readonly #p: AgentPorts;
  readonly #o: VirtualAgentOptions;
  readonly #nodes: NodeChoice;
  readonly #reconnector: Reconnector;
  #session: XmppSession | undefined;
  #state = "LOGOUT";
  #signedIn = false;
  #logoutRequested = false;
  #forcedLogoutSeen = false;
  #stopping = false;
  #subscribed = false;
  #removeSupervisor: (() => void) | undefined;
  readonly #changes: StateChanges;

  constructor(ports: AgentPorts, options: VirtualAgentOptions) {
    this.#p = ports;
    this.#o = options;
    this.agent = options.agent;
    this.#nodes = new NodeChoice(buildNodes(ports, options), options.failoverAfterAttempts ?? 2);
    this.#reconnector = new Reconnector(ports, options.behaviour.reconnect, {
      inService: () => this.#inService(),
      attempt: (cause) => this.#recover(cause),
      stopping: () => this.#stopping,
      tags: () => this.#tags,
    });
    this.#changes = new StateChanges(ports, {
      agentId: options.agent.id, teamId: options.agent.teamId, ledger: options.ledger, eventTimeoutMs: options.behaviour.eventTimeoutMs,
      tags: () => this.#tags, put: (change, requestId) => this.#node.rest.putState(change, requestId), error: (e) => this.#error(e),
    });
    options.ledger.addLocalAgent(options.agent.id);
  }

  /** Target name of the node in use (the configured target, or its secondary after a failover). */
  get node(): string {
    return this.#node.name;
  }

  get #node(): FinesseNode {
    return this.#nodes.current;
  }

  get #tags(): Tags {
    return this.#node.tags;
  }

  /** Last agent state seen in a User event (LOGOUT before sign-in). */
  get state(): string {
    return this.#state;
  }

  get signedIn(): boolean {
    return this.#signedIn;
  }

  get ready(): boolean {
    return this.#session?.state === "ready";
  }

  /** SystemInfo, session, Team subscription (supervisors), LOGIN. Never rejects. */
  async start(): Promise<StartReport> {
    const report: StartReport = { systemInfo: false, ready: false, subscribed: false, login: false, error: undefined };
    try {
      await this.#nodes.signIn();
      report.systemInfo = true;
      await this.#openSession();
      report.ready = true;
      await this.#subscribeTeam();
      report.subscribed = true;
      report.login = await this.#change({ state: "LOGIN", extension: this.agent.extension }, "NOT_READY");
      if (report.login) this.#signedIn = true;
      else report.error = "sign-in event not received or refused";
    } catch (e) {
      this.#error(e);
      report.error = errorMessage(e);
    }
    this.#p.record("finesse_login_success", report.login ? 1 : 0, this.#tags);
    return report;
  }

  /** Holds the session for `ms`: pings run, state changes at behaviour.stateChangesPerMinute, reconnects on loss. */
  async hold(ms: number): Promise<HoldReport> {
    const b = this.#o.behaviour;
    const report: HoldReport = { stateChanges: 0, stateChangesOk: 0, lost: 0, recovered: 0, gaveUp: false, losses: [] };
    const lostBefore = this.#reconnector.lost;
    const recoveredBefore = this.#reconnector.recovered;
    const lossesBefore = this.#reconnector.losses.length;
    const end = this.#p.clock.now() + ms;
    const period = b.stateChangesPerMinute > 0 ? 60_000 / b.stateChangesPerMinute : Infinity;
    for (let i = 0; i < 1_000_000 && !this.#stopping; i++) {
      const left = end - this.#p.clock.now();
      if (left <= 0) break;
      await sleep(this.#p.clock, Math.min(left, period * (0.5 + this.#p.random())));
      if (this.#p.clock.now() >= end) break;
      await this.#reconnector.idle();
      if (this.#reconnector.gaveUp) break;
      if (!this.ready || !this.#signedIn) continue;
      report.stateChanges++;
      if (await this.#toggle()) report.stateChangesOk++;
    }
    await this.#reconnector.idle();
    report.lost = this.#reconnector.lost - lostBefore;
    report.recovered = this.#reconnector.recovered - recoveredBefore;
    report.gaveUp = this.#reconnector.gaveUp;
    report.losses = this.#reconnector.losses.slice(lossesBefore).map((l) => ({ ...l }));
    return report;
  }

  /** LOGOUT (NOT_READY first when READY), unsubscribe, unavailable presence, close. Never rejects. */
  async stop(): Promise<StopReport> {
    this.#stopping = true;
    await this.#reconnector.idle();
    let logout = !this.#signedIn;
    const s = this.#session;
    if (this.#signedIn && s?.state === "ready") {
      try {
        if (this.#state === "READY") await this.#change({ state: "NOT_READY", reasonCodeId: this.#reasonCode() }, "NOT_READY");
        this.#logoutRequested = true;
        logout = await this.#change({ state: "LOGOUT" }, "LOGOUT");
        if (logout) this.#signedIn = false;
      } catch (e) {
        this.#error(e);
      }
    }
    if (s && this.#subscribed && s.state === "ready") {
      try {
        await s.unsubscribe(teamUsersNode(this.agent.teamId));
      } catch (e) {
        this.#error(e);
      }
    }
    this.#removeSupervisor?.();
    this.#subscribed = false;
    let closed = false;
    if (s) {
      const wasReady = s.state === "ready";
      const end = await s.close();
      closed = end.clean;
      if (wasReady) this.#p.record("xmpp_sessions_closed", 1, { ...this.#tags, cause: "logout" });
    }
    this.#changes.cancelAll();
    return { logout, closed };
  }

  // --- flow steps ---

  /** Recovery poll on both nodes of the pair (Finesse developer guide, "Failure Scenarios"), current one first. */
  async #inService(): Promise<boolean> {
    const left = this.#tags;
    const found = await this.#nodes.poll();
    if (found === "switched") this.#leaveNode(left);
    return found !== undefined;
  }

  /** After switching nodes: a session still up on the node left closes with unavailable presence. */
  #leaveNode(left: Tags): void {
    const s = this.#session;
    this.#session = undefined;
    if (s?.state === "ready") {
      this.#p.record("xmpp_sessions_closed", 1, { ...left, cause: "failover" });
      void s.close();
    }
    this.#subscribed = false;
  }

  async #openSession(): Promise<void> {
    const o = this.#o;
    await openSession(this.#p, {
      agent: this.agent, wsUrl: this.#node.wsUrl, domain: this.#node.domain, pubsub: this.#node.pubsub, resource: o.resource,
      readyWhen: o.readyWhen ?? "finesse", mechanisms: o.target.mechanisms, behaviour: o.behaviour, tags: this.#tags,
    }, {
      created: (s) => (this.#session = s),
      pubsub: (n) => this.#onPubsub(n),
      end: (s, end) => this.#onEnd(s, end),
      pingDead: (s) => {
        if (s === this.#session) this.#lost("ping");
      },
    });
  }

  async #subscribeTeam(): Promise<void> {
    const s = this.#session;
    if (this.agent.role !== "supervisor" || !s) return;
    const t0 = this.#p.clock.now();
    await s.subscribe(teamUsersNode(this.agent.teamId), { timeoutMs: this.#o.behaviour.phaseTimeoutMs });
    this.#p.record("xmpp_subscribe", this.#p.clock.now() - t0, this.#tags);
    this.#subscribed = true;
    this.#removeSupervisor ??= this.#o.ledger.addSupervisor(this.agent.teamId, this.agent.id);
  }

  /**
   * After a loss, once a node is IN_SERVICE: a new session there unless the current one is still up (an
   * OUT_OF_SERVICE outage, "Failure Scenarios"), resubscribe, refresh the agent state, sign in again if signed out.
   */
  async #recover(cause: string): Promise<void> {
    if (this.#session?.state !== "ready") {
      this.#p.record("xmpp_reconnects", 1, { ...this.#tags, cause });
      try {
        await this.#openSession();
        await this.#subscribeTeam();
      } catch (e) {
        const s = this.#session;
        this.#session = undefined;
        if (s?.state === "ready") void s.close({ unavailable: false });
        // the desktop fails over once the connection cannot be re-established ("Notifications on Finesse Desktop")
        this.#nodes.attemptFailed();
        throw e;
      }
    }
    this.#nodes.attemptWorked();
    const user = await this.#node.rest.getUser();
    this.#state = user.state;
    if ((this.#signedIn || this.#forcedLogoutSeen) && user.state === "LOGOUT") {
      if (!this.#forcedLogoutSeen) this.#p.record("finesse_forced_logouts", 1, this.#tags);
      this.#forcedLogoutSeen = false;
      this.#signedIn = await this.#change({ state: "LOGIN", extension: this.agent.extension }, "NOT_READY");
    }
  }

  #toggle(): Promise<boolean> {
    return this.#state === "READY"
      ? this.#change({ state: "NOT_READY", reasonCodeId: this.#reasonCode() }, "NOT_READY")
      : this.#change({ state: "READY" }, "READY");
  }

  #reasonCode(): string | undefined {
    const codes = this.#o.behaviour.reasonCodes;
    if (codes.length === 0) return undefined;
    return String(codes[Math.floor(this.#p.random() * codes.length) % codes.length]);
  }

  #change(change: StateChange, expectState: string): Promise<boolean> {
    return this.#changes.change(change, expectState);
  }

  // --- session callbacks ---

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

  #onPubsub(n: PubsubNotification): void {
    let update: FinesseUpdate;
    try {
      update = parseUpdate(payloadText(n.payload));
    } catch (e) {
      this.#error(e);
      return;
    }
    const node = parseNode(n.node);
    if (node.kind === "system-info" && update.kind === "system-info") this.#onSystemInfo(update.systemInfo.status);
    else if (node.kind === "user" && node.userId.toLowerCase() === this.agent.id.toLowerCase()) this.#onUserUpdate(update);
    else if (node.kind === "team-users" && update.kind === "team-user") {
      // Either one member's summary or the whole team (both shapes appear in the Finesse developer guide,
      // "Team Notification"); in the latter each
      // member's current state settles an open expectation for that state, if any.
      const members = update.member ? [update.member] : (update.team?.users ?? []);
      for (const m of members) this.#o.ledger.receive(this.agent.id, m.loginId, m.state, update.requestId, this.#tags);
    }
  }

  /**
   * OUT_OF_SERVICE event while XMPP is up (Finesse developer guide, "Failure Scenarios"): an outage to wait out;
   * IN_SERVICE: poll now.
   */
  #onSystemInfo(status: string): void {
    if (this.#stopping || !this.#session) return;
    if (status === "IN_SERVICE") this.#reconnector.wake();
    else this.#reconnector.begin("out_of_service");
  }

  #onUserUpdate(u: FinesseUpdate): void {
    if (u.kind === "user") this.#state = u.user.state;
    const answered = this.#changes.onUserUpdate(u);
    if (!answered && u.kind === "user" && u.user.state === "LOGOUT" && this.#signedIn && !this.#logoutRequested) {
      this.#p.record("finesse_forced_logouts", 1, this.#tags);
      this.#forcedLogoutSeen = true;
      this.#signedIn = false;
    }
  }

  #error(e: unknown): void {
    const { kind, condition } = errorTags(e);
    this.#p.record("harness_errors", 1, { ...this.#tags, kind, condition });
  }
}
