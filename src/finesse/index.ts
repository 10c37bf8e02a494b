// Public names of the Finesse domain layer: node names, notifications, REST payloads (shared by the
// virtual agent and the simulator).

export { FinesseApiError, FinesseParseError } from "./errors.ts";
export type { FinesseParseKind } from "./errors.ts";

export { API_PREFIX, SYSTEM_INFO_NODE, userNode, dialogsNode, mediaNode, teamUsersNode, teamUri, parseNode } from "./nodes.ts";
export type { NodeRef } from "./nodes.ts";

export { prettyXml } from "./pretty.ts";

export { AGENT_STATES, userElement, readUser, reasonCodeElement, readReasonCode, childText, childElement } from "./user.ts";
export type { AgentState, ReasonCode, TeamRef, UserInfo } from "./user.ts";

export { systemInfoElement, readSystemInfo } from "./system-info.ts";
export type { SystemInfo, SystemStatus } from "./system-info.ts";

export { teamElement, teamMemberElement, readTeam, readTeamMember } from "./team.ts";
export type { Team, TeamMember } from "./team.ts";

export { apiErrorsElement, asyncApiErrorsElement, readApiErrors } from "./api-errors.ts";
export type { ApiErrorInfo } from "./api-errors.ts";

export { parseUpdate, readUpdate, updateText, readNotification, notificationMessage, payloadText } from "./update.ts";
export type {
  FinesseUpdate, UserUpdate, ApiErrorUpdate, SystemInfoUpdate, TeamUserUpdate, GenericUpdate, UpdateFields, FinesseNotification,
  NotificationEnvelope,
} from "./update.ts";

export {
  REQUEST_ID_HEADER, XML_CONTENT_TYPE, basicAuth, getUserRequest, getSystemInfoRequest, getTeamRequest, stateChangeBody,
  putStateRequest, readStateChange, expectSuccess, parseUserResponse, parseSystemInfoResponse, parseTeamResponse,
  parseAccepted,
} from "./rest.ts";
export type { Credentials, RestRequest, StateChange, RestResponse } from "./rest.ts";
