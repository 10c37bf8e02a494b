// What one virtual agent needs to know: who it is, where it signs in, how it behaves.
import type { Agent, Behaviour } from "../config/index.ts";
import type { ReadyWhen, SaslMechanism } from "../xmpp/index.ts";
import type { FanoutLedger } from "./fanout.ts";
import type { Tags } from "./ports.ts";
import type { LossRecord } from "./reconnect.ts";

export interface AgentTarget {
  /** target name, the `target` tag of every sample */
  name: string;
  /** REST origin, e.g. https://finesse-a.example.com:8445 */
  restUrl: string;
  /** notification WebSocket, e.g. wss://finesse-a.example.com:8445/ws/ */
  wsUrl: string;
  /** discovered from SystemInfo when absent */
  xmppDomain?: string | undefined;
  pubsubDomain?: string | undefined;
  /** SASL mechanisms in order of preference; default PLAIN */
  mechanisms?: readonly SaslMechanism[] | undefined;
  /**
   * the other node of the pair (Finesse developer guide, "Notifications on Finesse Desktop"), tried when this one
   * is out of service or unreachable
   */
  secondary?: AgentNode | undefined;
}

export interface AgentNode {
  /** the `target` tag on this node; default `<target name>-secondary` */
  name?: string | undefined;
  restUrl: string;
  wsUrl: string;
  xmppDomain?: string | undefined;
  pubsubDomain?: string | undefined;
}

export interface VirtualAgentOptions {
  agent: Agent;
  target: AgentTarget;
  behaviour: Behaviour;
  /** XMPP resource to bind (config agents.resource) */
  resource: string;
  /** shared by the agents of one host event loop (one k6 VU) */
  ledger: FanoutLedger;
  /** extra tags for samples that declare them (e.g. step) */
  tags?: Tags;
  /** default "finesse": presence from finesse@<domain> (Finesse developer guide, "Failure Scenarios") */
  readyWhen?: ReadyWhen;
  /** REST request timeout, default behaviour.phaseTimeoutMs */
  restTimeoutMs?: number;
  /** failed attempts on a node in service before the other node of the pair is preferred (default 2) */
  failoverAfterAttempts?: number;
}

/** What a group runner drives: the Finesse agent or the generic-XMPP one. */
export interface FlowAgent {
  readonly agent: Agent;
  start(): Promise<StartReport>;
  hold(ms: number): Promise<HoldReport>;
  stop(): Promise<StopReport>;
}

export interface StartReport {
  systemInfo: boolean;
  ready: boolean;
  /** true for agents (nothing to subscribe) */
  subscribed: boolean;
  login: boolean;
  error: string | undefined;
}

export interface HoldReport {
  stateChanges: number;
  stateChangesOk: number;
  /** sessions lost while holding */
  lost: number;
  /** sessions recovered after a loss */
  recovered: number;
  gaveUp: boolean;
  /** each loss during this hold: when noticed, on which node, when and where recovered */
  losses: LossRecord[];
}

export interface StopReport {
  /** signed out (or never signed in) */
  logout: boolean;
  /** the XMPP session closed cleanly */
  closed: boolean;
}
