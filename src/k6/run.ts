// One VU's agents on k6: the agent ports, one fan-out ledger per VU (module state is per VU in k6), and the
// whole flow for the agents of the current iteration: the Finesse flow, or the generic-XMPP one when their
// target is of kind "xmpp".
import {
  FanoutLedger, VirtualAgent, XmppAgent, planXmppBlock, runGroup, runXmppGroup, type AgentPorts, type AgentRun, type AgentTarget,
  type Recorder, type Tags,
} from "../agent/index.ts";
import { deriveWebSocketUrl, restBase, xmppSettings, type Agent, type Config, type Target } from "../config/index.ts";
import { randomIds, SCRAM_MECHANISMS, type SaslMechanism } from "../xmpp/index.ts";
import { k6Base64, k6Clock, k6Connect, k6Http } from "./ports.ts";

// build.mjs --with-scram defines globalThis.FINESSE_WITH_SCRAM as true: SCRAM (RFC 5802/7677) adds ~10 KB to a
// bundle, so by default the bundles authenticate with PLAIN (RFC 4616) only. The flag is read where it is used,
// so that esbuild sees a constant and leaves the SCRAM code out.
type BuildFlags = { FINESSE_WITH_SCRAM?: boolean };

function configTarget(config: Config, agent: Agent): Target {
  const t = agent.node === undefined ? config.targets[0]! : config.targets.find((x) => x.name === agent.node);
  if (!t) throw new Error(`agent ${agent.id} names node ${JSON.stringify(agent.node)}, which is not a target (${config.targets.map((x) => x.name).join(", ")})`);
  return t;
}

/** The agent's node (its CSV `node`, else the first target) with the other node of its pair, if any. */
export function targetOf(config: Config, agent: Agent): AgentTarget {
  const t = configTarget(config, agent);
  const restUrl = t.restUrl ?? "";
  const target: AgentTarget = {
    name: t.name, restUrl: restBase(restUrl), wsUrl: t.wsUrl ?? deriveWebSocketUrl(restUrl, t.finesseVersion),
    xmppDomain: t.xmppDomain, pubsubDomain: t.pubsubDomain, mechanisms: t.mechanisms as SaslMechanism[],
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
    if ((globalThis as BuildFlags).FINESSE_WITH_SCRAM !== true) {
      config.targets.forEach((t, i) => {
        const other = t.mechanisms.find((m) => m !== "PLAIN");
        if (other) throw new Error(`targets[${i}].mechanisms: ${other} is not built into this bundle, which authenticates with PLAIN (RFC 4616) only; build with \`npm run build -- --with-scram\``);
      });
    }
    this.#config = config;
    this.#ports = {
      connect: k6Connect, clock: k6Clock, base64: k6Base64, ids: randomIds(), http: k6Http, record, random: Math.random,
      ...((globalThis as BuildFlags).FINESSE_WITH_SCRAM === true ? { sasl: SCRAM_MECHANISMS } : {}),
    };
    this.ledger = new FanoutLedger(k6Clock, record, config.behaviour.eventTimeoutMs);
  }

  agent(agent: Agent, tags: Tags = {}): VirtualAgent {
    const c = this.#config;
    return new VirtualAgent(this.#ports, { agent, target: targetOf(c, agent), behaviour: c.behaviour, resource: c.agents.resource, ledger: this.ledger, tags });
  }

  /** The whole flow for these agents, supervisors first in and last out (Finesse) or publishers before watchers (xmpp). */
  run(agents: readonly Agent[], holdMs: number, tags: Tags = {}): Promise<AgentRun[]> {
    const c = this.#config;
    const first = agents[0];
    const t = first && configTarget(c, first);
    if (t?.kind !== "xmpp") return runGroup(agents.map((a) => this.agent(a, tags)), holdMs, this.ledger);
    const x = xmppSettings(t);
    const target = { name: t.name, wsUrl: t.wsUrl!, domain: t.xmppDomain!, pubsub: x.pubsub, mechanisms: t.mechanisms as SaslMechanism[], createNodes: x.createNodes, barrier: x.readiness === "barrier" };
    const roles = planXmppBlock(agents, x.nodeTemplate, x.publishers);
    const xmpp = agents.map((agent, i) => {
      if (configTarget(c, agent) !== t) throw new Error(`agent ${agent.id}: one VU's agents must share one target of kind "xmpp" (${t.name})`);
      return new XmppAgent(this.#ports, { agent, target, role: roles[i]!, behaviour: c.behaviour, resource: c.agents.resource, ledger: this.ledger, tags });
    });
    return runXmppGroup(xmpp, holdMs, this.ledger, target.barrier);
  }
}
