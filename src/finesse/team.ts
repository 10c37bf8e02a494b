// Team (Finesse developer guide, "Team") and the user summary carried by Team/{id}/Users events
// ("Team Notification").
import { xml, type Element } from "../xml/index.ts";
import { FinesseParseError } from "./errors.ts";
import { teamUri, userNode } from "./nodes.ts";
import { childElement, childText, readReasonCode, reasonCodeElement, type ReasonCode } from "./user.ts";

export interface TeamMember {
  loginId: string;
  firstName: string;
  lastName: string;
  extension: string;
  state: string;
  pendingState: string;
  stateChangeTime: string;
  reasonCode: ReasonCode | undefined;
}

export interface Team {
  id: string;
  name: string;
  users: TeamMember[];
}

const t = (name: string, text: string) => xml(name, {}, text);

/** One member; `root` is "User" inside `<Team><users>` and "user" as the data of a team event. */
export function teamMemberElement(m: TeamMember, root: "User" | "user"): Element {
  return xml(root, {},
    t("uri", userNode(m.loginId)), t("loginId", m.loginId), t("firstName", m.firstName), t("lastName", m.lastName),
    t("dialogs", `${userNode(m.loginId)}/Dialogs`), t("extension", m.extension), t("pendingState", m.pendingState),
    t("state", m.state), t("stateChangeTime", m.stateChangeTime),
    m.reasonCode ? reasonCodeElement("ReasonCode", m.reasonCode) : null,
  );
}

/** `<Team>` for REST, `<team>` inside notifications. */
export function teamElement(team: Team, root: "Team" | "team" = "Team"): Element {
  return xml(root, {}, t("uri", teamUri(team.id)), t("id", team.id), t("name", team.name),
    xml("users", {}, ...team.users.map((u) => teamMemberElement(u, "User"))));
}

export function readTeamMember(el: Element): TeamMember {
  const loginId = childText(el, "loginId");
  if (!loginId) throw new FinesseParseError("missing-field", "team member without <loginId>");
  return {
    loginId,
    firstName: childText(el, "firstName") ?? "",
    lastName: childText(el, "lastName") ?? "",
    extension: childText(el, "extension") ?? "",
    state: childText(el, "state") ?? "",
    pendingState: childText(el, "pendingState") ?? "",
    stateChangeTime: childText(el, "stateChangeTime") ?? "",
    reasonCode: readReasonCode(childElement(el, "ReasonCode")),
  };
}

export function readTeam(el: Element): Team {
  if (el.getName().toLowerCase() !== "team") throw new FinesseParseError("bad-root", `expected <Team>, got <${el.name}>`);
  const id = childText(el, "id");
  if (!id) throw new FinesseParseError("missing-field", "<Team> without <id>");
  const users = (childElement(el, "users")?.getChildElements() ?? []).map(readTeamMember);
  return { id, name: childText(el, "name") ?? "", users };
}
