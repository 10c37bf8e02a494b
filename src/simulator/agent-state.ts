// The agent state machine of the simulated CTI (Finesse developer guide, "User—Change Agent State").
import type { ApiErrorInfo, ReasonCode, StateChange, TeamMember, UserInfo } from "../finesse/index.ts";
import type { SimUser } from "./population.ts";

export type DeploymentType = "UCCE" | "UCCX";

export interface AgentRecord {
  user: SimUser;
  state: string;
  extension: string;
  reasonCodeId: string | undefined;
  stateChangeTime: string;
  /** Time (clock ms) until which this user's CTI queue is busy; requests are applied in order. */
  busyUntil: number;
}

/**
 * The reason code Finesse uses for a logout forced by presence loss (Finesse developer guide,
 * "Desktop Presence and Forced Logout").
 */
export const FORCED_LOGOUT_REASON = "255";

export function newRecord(user: SimUser, now: Date): AgentRecord {
  return { user, state: "LOGOUT", extension: "", reasonCodeId: undefined, stateChangeTime: now.toISOString(), busyUntil: 0 };
}

function invalidState(message: string, data: string, code: string): ApiErrorInfo {
  return { errorType: "Invalid State", errorMessage: message, errorData: data, peripheralErrorCode: code };
}

/**
 * Applies a state change as the CTI would; returns an asynchronous error for an invalid transition
 * (the request itself was accepted with 202). LOGIN while signed in keeps the state (12.5 guide, sign-in).
 */
export function applyChange(r: AgentRecord, change: StateChange, deployment: DeploymentType, now: Date): ApiErrorInfo | undefined {
  const prev = r.state;
  const signedIn = prev !== "LOGOUT";
  switch (change.state) {
    case "LOGIN":
      if (!signedIn) set(r, "NOT_READY", "-1", now);
      r.extension = change.extension;
      return undefined;
    case "READY":
      if (!signedIn) return invalidState("CF_INVALID_OBJECT_STATE", "22", "10125");
      set(r, "READY", undefined, now);
      return undefined;
    case "NOT_READY":
      if (!signedIn) {
        return deployment === "UCCE"
          ? invalidState("CF_INVALID_PASSWORD_SPECIFIED", "257", "257")
          : { errorType: "Invalid State", errorMessage: "CF_INVALID_PARAMETER", errorData: "1010", peripheralErrorCode: "1010" };
      }
      set(r, "NOT_READY", change.reasonCodeId ?? "-1", now);
      return undefined;
    case "LOGOUT":
      if (!signedIn) return invalidState("CF_INVALID_OBJECT_STATE", "22", "10125");
      if (prev !== "NOT_READY" && !(deployment === "UCCX" && prev === "READY")) return invalidState("CF_INVALID_OBJECT_STATE", "22", "10125");
      set(r, "LOGOUT", change.reasonCodeId, now);
      r.extension = "";
      return undefined;
  }
}

/** Logout forced by the server (presence loss), whatever the state. */
export function forceLogout(r: AgentRecord, now: Date): void {
  set(r, "LOGOUT", FORCED_LOGOUT_REASON, now);
  r.extension = "";
}

function set(r: AgentRecord, state: string, reasonCodeId: string | undefined, now: Date): void {
  r.state = state;
  r.reasonCodeId = reasonCodeId;
  r.stateChangeTime = now.toISOString();
}

function reasonCode(r: AgentRecord): ReasonCode | undefined {
  if (r.reasonCodeId === undefined || r.reasonCodeId === "-1") return undefined;
  const category = r.state === "LOGOUT" ? "LOGOUT" : "NOT_READY";
  return { id: r.reasonCodeId, code: r.reasonCodeId, label: r.reasonCodeId === FORCED_LOGOUT_REASON ? "Forced logout" : `Reason ${r.reasonCodeId}`, category };
}

export function userInfo(r: AgentRecord, teamName: string, supervised: readonly { id: string; name: string }[]): UserInfo {
  const u = r.user;
  return {
    loginId: u.id, loginName: u.id.toLowerCase(), firstName: u.firstName, lastName: u.lastName, extension: r.extension,
    state: r.state, pendingState: "", reasonCodeId: r.reasonCodeId, reasonCode: reasonCode(r), stateChangeTime: r.stateChangeTime,
    teamId: u.teamId, teamName, roles: u.role === "supervisor" ? ["Agent", "Supervisor"] : ["Agent"], teams: [...supervised],
    mediaType: "1", uri: `/finesse/api/User/${u.id}`,
  };
}

export function teamMember(r: AgentRecord): TeamMember {
  const u = r.user;
  return { loginId: u.id, firstName: u.firstName, lastName: u.lastName, extension: r.extension, state: r.state, pendingState: "", stateChangeTime: r.stateChangeTime, reasonCode: reasonCode(r) };
}
