// Failover on k6: agents whose target carries the other node of its pair (targets[].secondary, its wsUrl
// derived like the target's when absent), and the POST that injects a simulator fault.
import { FanoutLedger, VirtualAgent, runGroup, type AgentPorts, type AgentRun, type AgentTarget, type Recorder, type Tags } from "../agent/index.ts";
import { deriveWebSocketUrl, restBase, type Agent, type Config } from "../config/index.ts";
import { randomIds } from "../xmpp/index.ts";
import { faultUrl, type FaultKind } from "./fault.ts";
import { k6Base64, k6Clock, k6Connect, k6Http } from "./ports.ts";
import { targetOf } from "./run.ts";

export function pairTargetOf(config: Config, agent: Agent): AgentTarget {
  const target = targetOf(config, agent);
  const s = config.targets.find((t) => t.name === target.name)?.secondary;
  if (!s) return target;
  const version = config.targets.find((t) => t.name === target.name)?.finesseVersion;
  return { ...target, secondary: { restUrl: restBase(s.restUrl), wsUrl: s.wsUrl ?? deriveWebSocketUrl(s.restUrl, version) } };
}

/** Like VuAgents, with failover to each target's secondary node. */
export class PairVuAgents {
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
    return new VirtualAgent(this.#ports, { agent, target: pairTargetOf(c, agent), behaviour: c.behaviour, resource: c.agents.resource, ledger: this.ledger, tags });
  }

  run(agents: readonly Agent[], holdMs: number, tags: Tags = {}): Promise<AgentRun[]> {
    return runGroup(agents.map((a) => this.agent(a, tags)), holdMs, this.ledger);
  }
}

/** POSTs the simulator's fault endpoint of the node at restUrl; the error text, or undefined when it worked. */
export async function triggerFault(restUrl: string, fault: FaultKind, outOfServiceS: number): Promise<string | undefined> {
  const url = faultUrl(restUrl, fault, outOfServiceS);
  if (url === undefined) return undefined;
  const res = await k6Http.request({ method: "POST", url, headers: {}, body: undefined, timeoutMs: 10_000 });
  if (res.status === 200) return undefined;
  return `POST ${url}: ${res.status === 0 ? res.error ?? "no response" : `HTTP ${res.status} ${res.body.trim().slice(0, 200)}`}` +
    (res.status === 404 ? " (start the simulator with --admin, or use fault \"external\" against a real Finesse)" : "");
}
