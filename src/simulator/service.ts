// The Finesse web application of the simulator: agent records, CTI request queue, publishing of User,
// Team and SystemInfo updates, presence-loss forced logout, CTI failover (Finesse developer guide,
// "User—Change Agent State", "Desktop Presence and Forced Logout", "Failure Scenarios"; Finesse
// Administration Guide, "Cisco Finesse Failover Mechanisms").
import {
  asyncApiErrorsElement, SYSTEM_INFO_NODE, systemInfoElement, teamMemberElement, teamUsersNode, updateText, userElement,
  userNode, type ApiErrorInfo, type StateChange, type SystemInfo, type UserInfo,
} from "../finesse/index.ts";
import { applyChange, forceLogout, newRecord, teamMember, userInfo, type AgentRecord, type DeploymentType } from "./agent-state.ts";
import type { Hub } from "./hub.ts";
import type { Population, SimUser } from "./population.ts";

export interface ServiceOptions {
  domain: string;
  pubsubDomain: string;
  ctiDelayMs: number;
  presenceGraceMs: number;
  deploymentType: DeploymentType;
  primaryHost: string;
  secondaryHost: string | undefined;
}

export class FinesseService {
  readonly population: Population;
  readonly #o: ServiceOptions;
  readonly #records = new Map<string, AgentRecord>();
  readonly #grace = new Map<string, NodeJS.Timeout>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #hub: Hub | undefined;
  #inService = true;
  #stopped = false;
  forcedLogouts = 0;

  constructor(population: Population, options: ServiceOptions) {
    this.population = population;
    this.#o = options;
    const now = new Date();
    for (const u of population.users) this.#records.set(u.id.toLowerCase(), newRecord(u, now));
  }

  attach(hub: Hub): void {
    this.#hub = hub;
  }

  get inService(): boolean {
    return this.#inService;
  }

  user(id: string): SimUser | undefined {
    return this.population.byId.get(id.toLowerCase());
  }

  record(id: string): AgentRecord | undefined {
    return this.#records.get(id.toLowerCase());
  }

  /** Does `actor` supervise the team of `target`? */
  supervises(actor: SimUser, target: SimUser): boolean {
    return actor.role === "supervisor" && actor.teamId === target.teamId;
  }

  supervisesTeam(actor: SimUser, teamId: string): boolean {
    return actor.role === "supervisor" && actor.teamId === teamId;
  }

  info(r: AgentRecord): UserInfo {
    const u = r.user;
    const teamName = this.population.teams.get(u.teamId)?.name ?? "";
    return userInfo(r, teamName, u.role === "supervisor" ? [{ id: u.teamId, name: teamName }] : []);
  }

  systemInfo(): SystemInfo {
    return {
      status: this.#inService ? "IN_SERVICE" : "OUT_OF_SERVICE", xmppDomain: this.#o.domain, xmppPubSubDomain: this.#o.pubsubDomain,
      deploymentType: this.#o.deploymentType, currentTimestamp: new Date().toISOString(), primaryNode: this.#o.primaryHost,
      secondaryNode: this.#o.secondaryHost, systemAuthMode: "NON_SSO",
    };
  }

  /** Queues an accepted request on the user's CTI queue; its event follows after the CTI delay. */
  submit(target: AgentRecord, change: StateChange, requestId: string): void {
    const now = Date.now();
    target.busyUntil = Math.max(now, target.busyUntil) + this.#o.ctiDelayMs;
    this.#later(target.busyUntil - now, () => {
      const error = applyChange(target, change, this.#o.deploymentType, new Date());
      if (error) this.publishError(target, [error], requestId);
      else this.publishUser(target, requestId);
    });
  }

  /** Users whose agent state is not LOGOUT. */
  signedInCount(): number {
    let n = 0;
    for (const r of this.#records.values()) if (r.state !== "LOGOUT") n++;
    return n;
  }

  /** The User update publishUser sends for this user, with this requestId. */
  userUpdateText(r: AgentRecord, requestId: string): string {
    const id = r.user.id;
    return updateText({ data: userElement(this.info(r), "user"), event: "PUT", requestId, source: userNode(id) });
  }

  publishUser(r: AgentRecord, requestId: string): void {
    const hub = this.#hub;
    if (!hub || !this.#inService) return;
    const id = r.user.id;
    const local = id.toLowerCase();
    hub.publish(userNode(id), this.userUpdateText(r, requestId), [local]);
    // The Team event answers the same request, so it carries its requestId too (Finesse tags "XMPP event
    // notifications that match the requested action" with it: REST API guide, "Client Requests").
    hub.publish(teamUsersNode(r.user.teamId), updateText({ data: teamMemberElement(teamMember(r), "user"), event: "PUT", requestId, source: userNode(id) }), []);
  }

  publishError(r: AgentRecord, errors: ApiErrorInfo[], requestId: string): void {
    const id = r.user.id;
    this.#hub?.publish(userNode(id), updateText({ data: asyncApiErrorsElement(errors), event: "put", requestId, source: userNode(id) }), [id.toLowerCase()]);
  }

  publishSystemInfo(): void {
    const hub = this.#hub;
    if (!hub) return;
    const locals = new Set<string>();
    for (const s of hub.allSessions()) locals.add(s.local);
    hub.publish(SYSTEM_INFO_NODE, updateText({ data: systemInfoElement(this.systemInfo()), event: "PUT", requestId: "", source: SYSTEM_INFO_NODE }), locals);
  }

  /** CTI failover: OUT_OF_SERVICE for `ms`, then IN_SERVICE and the last states re-published (ADM-FAILOVER). */
  ctiFailover(ms: number): void {
    this.setInService(false);
    this.#later(ms, () => this.setInService(true));
  }

  setInService(inService: boolean): void {
    if (this.#inService === inService) return;
    this.#inService = inService;
    this.publishSystemInfo();
    if (inService) {
      for (const r of this.#records.values()) if (r.state !== "LOGOUT" || this.#hub?.sessionsOf(r.user.id.toLowerCase()).size) this.publishUser(r, "");
    }
  }

  /** Presence tracking (DEV-HA desktop presence): no available session for the grace period → forced logout 255. */
  availability(local: string, available: boolean): void {
    const timer = this.#grace.get(local);
    if (available) {
      if (timer) {
        clearTimeout(timer);
        this.#timers.delete(timer);
        this.#grace.delete(local);
      }
      return;
    }
    const r = this.#records.get(local);
    if (!r || r.state === "LOGOUT" || timer || this.#stopped) return;
    const t = this.#later(this.#o.presenceGraceMs, () => {
      this.#grace.delete(local);
      if (r.state === "LOGOUT" || this.#hub?.isAvailable(local)) return;
      forceLogout(r, new Date());
      this.forcedLogouts += 1;
      this.publishUser(r, "");
    });
    this.#grace.set(local, t);
  }

  #later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      if (!this.#stopped) fn();
    }, Math.max(0, ms));
    this.#timers.add(t);
    return t;
  }

  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#grace.clear();
  }
}
