// One VU's agents on k6: the agent ports, one fan-out ledger per VU (module state is per VU in k6), and the
// whole flow for the agents of the current iteration.
import {
  FanoutLedger, VirtualAgent, runGroup, type AgentPorts, type AgentRun, type AgentTarget, type Recorder, type Tags,
} from "../agent/index.ts";
import { deriveWebSocketUrl, restBase, type Agent, type Config } from "../config/index.ts";
import { randomIds } from "../xmpp/index.ts";
import { k6Base64, k6Clock, k6Connect, k6Http } from "./ports.ts";

/** The agent's node (its CSV `node`, else the first target) with the other node of its pair, if any. */
export function targetOf(config: Config, agent: Agent): AgentTarget {
  const t = agent.node === undefined ? config.targets[0]! : config.targets.find((x) => x.name === agent.node);
  if (!t) throw new Error(`agent ${agent.id} names node ${JSON.stringify(agent.node)}, which is not a target (${config.targets.map((x) => x.name).join(", ")})`);
  const target: AgentTarget = {
    name: t.name, restUrl: restBase(t.restUrl), wsUrl: t.wsUrl ?? deriveWebSocketUrl(t.restUrl, t.finesseVersion),
    xmppDomain: t.xmppDomain, pubsubDomain: t.pubsubDomain,
  };
  const s = t.secondary;
  return s ? { ...target, secondary: { restUrl: restBase(s.restUrl), wsUrl: s.wsUrl ?? deriveWebSocketUrl(s.restUrl, t.finesseVersion) } } : target;
}

/** One VU's agents: shared ports and fan-out ledger; each agent fails over to its target's secondary node. */
export class VuAgents {
  readonly #config: Config;
  readonly #ports: AgentPorts;
  readonly ledger: FanoutLedger;

  /** Call in the init context (or lazily in the VU). */
  constructor(config: Config, record: Recorder) {
    this.#config = config;
    this.#ports = { connect: k6Connect, clock: k6Clock, base64: k6Base64, ids: randomIds(), http: k6Http, record, random: Math.random };
    this.ledger = new FanoutLedger(k6Clock, record, config.behaviour.eventTimeoutMs);
  }

  agent(agent: Agent, tags: Tags = {}): VirtualAgent {
    const c = this.#config;
    return new VirtualAgent(this.#ports, { agent, target: targetOf(c, agent), behaviour: c.behaviour, resource: c.agents.resource, ledger: this.ledger, tags });
  }

  /** The whole flow for these agents, supervisors first in and last out. */
  run(agents: readonly Agent[], holdMs: number, tags: Tags = {}): Promise<AgentRun[]> {
    return runGroup(agents.map((a) => this.agent(a, tags)), holdMs, this.ledger);
  }
}
