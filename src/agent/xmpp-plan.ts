// Who does what in one VU block of a generic-XMPP run: which agents publish to their own node, and which
// nodes each supervisor watches (the nodes of its team's publishers in the block, as Finesse supervisors
// watch Team nodes).
import type { Agent } from "../config/index.ts";

export interface XmppRole {
  /** the agent's own node, when it publishes */
  node: string | undefined;
  /** nodes of others this agent subscribes to */
  watch: string[];
}

/** `{id}` and `{team}` filled in. */
export function nodeName(template: string, agent: Agent): string {
  return template.split("{id}").join(agent.id).split("{team}").join(agent.teamId);
}

/** Agent j of the block publishes when floor((j + 1)·share) > floor(j·share): `share` of the block, spread evenly. */
export function planXmppBlock(agents: readonly Agent[], nodeTemplate: string, share: number): XmppRole[] {
  const nodes = agents.map((a, j) => (Math.floor((j + 1) * share) > Math.floor(j * share) ? nodeName(nodeTemplate, a) : undefined));
  return agents.map((a, j) => ({
    node: nodes[j],
    watch: a.role !== "supervisor" ? [] : nodes.filter((n, k): n is string => n !== undefined && k !== j && agents[k]!.teamId === a.teamId),
  }));
}
