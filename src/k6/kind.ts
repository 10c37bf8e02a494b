// What differs between the Finesse flow and the generic-XMPP one in a scenario: check labels and the role
// tags of event deliveries (no k6 imports, tested on Node).
import type { Config } from "../config/index.ts";

export type TargetKind = "finesse" | "xmpp";

export interface FlowLabels {
  kind: TargetKind;
  /** the role tag of a subscriber's own deliveries, and of the others' */
  self: string;
  watcher: string;
  signIn: string;
  subscribed: string;
  changes: string;
  signOut: string;
}

export const FINESSE_LABELS: FlowLabels = {
  kind: "finesse", self: "self", watcher: "supervisor", signIn: "signed in (NOT_READY event)", subscribed: "Team node subscribed",
  changes: "state changes confirmed by their events", signOut: "signed out (LOGOUT event)",
};

const XMPP: FlowLabels = {
  kind: "xmpp", self: "publisher", watcher: "watcher", signIn: "ready (own node created and subscribed)", subscribed: "every node subscribed",
  changes: "publishes delivered to every subscriber", signOut: "left (unsubscribed)",
};

/** The flow of the first target (a run's VUs may not mix kinds: the glue refuses a block that does). */
export function flowLabels(config: Config): FlowLabels {
  return config.targets[0]?.kind === "xmpp" ? XMPP : FINESSE_LABELS;
}
