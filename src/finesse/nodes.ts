// Pubsub node names, named exactly like the REST URIs (Finesse developer guide, "Subscription Management").

export const API_PREFIX = "/finesse/api";
export const SYSTEM_INFO_NODE = `${API_PREFIX}/SystemInfo`;

export function userNode(id: string): string {
  return `${API_PREFIX}/User/${id}`;
}
export function dialogsNode(id: string): string {
  return `${API_PREFIX}/User/${id}/Dialogs`;
}
export function mediaNode(id: string, mrdId: string): string {
  return `${API_PREFIX}/User/${id}/Media/${mrdId}`;
}
export function teamUsersNode(teamId: string): string {
  return `${API_PREFIX}/Team/${teamId}/Users`;
}
export function teamUri(teamId: string): string {
  return `${API_PREFIX}/Team/${teamId}`;
}

export type NodeRef =
  | { kind: "user"; userId: string }
  | { kind: "dialogs"; userId: string }
  | { kind: "media"; userId: string; mrdId: string }
  | { kind: "system-info" }
  | { kind: "team-users"; teamId: string }
  | { kind: "other"; node: string };

/** What a node name refers to (ids are returned as written). */
export function parseNode(node: string): NodeRef {
  if (node === SYSTEM_INFO_NODE) return { kind: "system-info" };
  if (!node.startsWith(`${API_PREFIX}/`)) return { kind: "other", node };
  const parts = node.slice(API_PREFIX.length + 1).split("/");
  const [root, id, sub, subId] = parts;
  if (!id) return { kind: "other", node };
  if (root === "User") {
    if (parts.length === 2) return { kind: "user", userId: id };
    if (parts.length === 3 && sub === "Dialogs") return { kind: "dialogs", userId: id };
    if (parts.length === 4 && sub === "Media" && subId) return { kind: "media", userId: id, mrdId: subId };
  }
  if (root === "Team" && parts.length === 3 && sub === "Users") return { kind: "team-users", teamId: id };
  return { kind: "other", node };
}
