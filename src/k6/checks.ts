// The checks of a scenario whose agents hold their sessions for the whole run (capacity, soak).
import { check } from "k6";
import type { AgentRun } from "../agent/index.ts";
import { FINESSE_LABELS, type FlowLabels } from "./kind.ts";

export function checkHeldRun(r: AgentRun, l: FlowLabels = FINESSE_LABELS): void {
  const a = r.agent.agent;
  check(r, {
    "XMPP session ready": (x) => x.start.ready,
    [l.signIn]: (x) => x.start.login,
    "session held to the end": (x) => x.hold !== undefined && !x.hold.gaveUp,
    [l.signOut]: (x) => x.stop.logout,
  }, { role: a.role });
  if (r.start.error) console.error(`agent ${a.id}: ${r.start.error}`);
}
