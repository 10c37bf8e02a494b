// The Finesse nodes an agent may use: the target and, when configured, the other node of its pair
// (Cisco community blog, Finesse 12.5 performance improvements part 1, C10K: the desktop "keeps querying either
// sides, (preferring the current side) and ultimately
// reconnects to the Finesse server which comes into service"). Each node has its own REST client and tags.
import { FinesseApiError } from "../finesse/index.ts";
import { AgentError } from "./errors.ts";
import type { AgentPorts, Tags } from "./ports.ts";
import { RestClient } from "./rest.ts";
import type { VirtualAgentOptions } from "./options.ts";

export interface FinesseNode {
  /** the `target` tag of samples taken on this node */
  name: string;
  wsUrl: string;
  rest: RestClient;
  tags: Tags;
  /** from the config, else from this node's SystemInfo */
  domain: string;
  pubsub: string;
  readonly fixedDomain: string | undefined;
  readonly fixedPubsub: string | undefined;
}

export function buildNodes(p: AgentPorts, o: VirtualAgentOptions): FinesseNode[] {
  const t = o.target;
  const specs = [{ name: t.name, restUrl: t.restUrl, wsUrl: t.wsUrl, domain: t.xmppDomain, pubsub: t.pubsubDomain }];
  if (t.secondary) {
    const s = t.secondary;
    specs.push({ name: s.name ?? `${t.name}-secondary`, restUrl: s.restUrl, wsUrl: s.wsUrl, domain: s.xmppDomain, pubsub: s.pubsubDomain });
  }
  return specs.map((s) => {
    const tags = { ...o.tags, target: s.name };
    const rest = new RestClient({
      http: p.http, base64: p.base64, record: p.record, baseUrl: s.restUrl.replace(/\/+$/, ""),
      credentials: { id: o.agent.id, password: o.agent.password }, timeoutMs: o.restTimeoutMs ?? o.behaviour.phaseTimeoutMs, tags,
    });
    return { name: s.name, wsUrl: s.wsUrl, rest, tags, domain: s.domain ?? "", pubsub: s.pubsub ?? "", fixedDomain: s.domain, fixedPubsub: s.pubsub };
  });
}

/** SystemInfo of one node: throws unless IN_SERVICE; takes the XMPP domain and pubsub service from it. */
export async function checkNode(node: FinesseNode): Promise<void> {
  const info = await node.rest.systemInfo();
  if (info.status !== "IN_SERVICE") throw new AgentError("unavailable", info.status, `${node.name}: SystemInfo status is ${info.status}, not IN_SERVICE`);
  node.domain = node.fixedDomain ?? info.xmppDomain;
  node.pubsub = node.fixedPubsub ?? info.xmppPubSubDomain;
}

/**
 * Out of service (status, or 503 while Finesse fails over CTI: Finesse Administration Guide, "Cisco Finesse
 * Failover Mechanisms"): a reason to wait, not an error.
 */
export function isOutOfService(e: unknown): boolean {
  return (e instanceof AgentError && e.kind === "unavailable") || (e instanceof FinesseApiError && e.status === 503);
}

/**
 * Polls the nodes in the given order; the first IN_SERVICE one wins (its index). undefined when every node
 * that answered is out of service; throws the first error when no node answered at all.
 */
export async function firstInService(nodes: readonly FinesseNode[], order: readonly number[]): Promise<number | undefined> {
  let answered = false;
  let first: unknown;
  for (const i of order) {
    const node = nodes[i];
    if (!node) continue;
    try {
      await checkNode(node);
      return i;
    } catch (e) {
      if (isOutOfService(e)) answered = true;
      else first ??= e;
    }
  }
  if (!answered && first !== undefined) throw first;
  return undefined;
}

/**
 * Which node of the pair the agent uses: the target until it fails; each recovery poll asks the current
 * node first, the other one when the current one is out of service or silent, and the other one first
 * after `failoverAfter` failed attempts on the current one (the desktop fails over once the connection
 * cannot be re-established, Finesse developer guide "Notifications on Finesse Desktop").
 */
export class NodeChoice {
  readonly nodes: readonly FinesseNode[];
  readonly #failoverAfter: number;
  #current = 0;
  #preferOther = false;
  #failed = 0;

  constructor(nodes: readonly FinesseNode[], failoverAfter: number) {
    this.nodes = nodes;
    this.#failoverAfter = Math.max(1, failoverAfter);
  }

  get current(): FinesseNode {
    return this.nodes[this.#current]!;
  }

  /** Sign-in: the target's SystemInfo must be IN_SERVICE, else the other node's (the target's error is thrown). */
  async signIn(): Promise<void> {
    try {
      await checkNode(this.current);
    } catch (e) {
      const other = this.nodes.length > 1 ? await firstInService(this.nodes, [1 - this.#current]).catch(() => undefined) : undefined;
      if (other === undefined) throw e;
      this.#use(other);
    }
  }

  /** Recovery poll: "in-service" (current node), "switched" (now the other node), or undefined (wait). */
  async poll(): Promise<"in-service" | "switched" | undefined> {
    const here = this.#current;
    const order = this.nodes.length < 2 ? [here] : this.#preferOther ? [1 - here, here] : [here, 1 - here];
    const found = await firstInService(this.nodes, order);
    if (found === undefined) return undefined;
    if (found === here) return "in-service";
    this.#use(found);
    return "switched";
  }

  attemptFailed(): void {
    if (++this.#failed >= this.#failoverAfter && this.nodes.length > 1) this.#preferOther = true;
  }

  attemptWorked(): void {
    this.#failed = 0;
    this.#preferOther = false;
  }

  #use(i: number): void {
    this.#current = i;
    this.attemptWorked();
  }
}
