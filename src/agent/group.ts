// Runs the agents of one host event loop (one k6 VU) through the whole flow together: supervisors sign in
// and subscribe first and leave last, after every expected Team delivery has settled, so that their
// accounting covers the whole life of their team's agents.
import type { FanoutLedger } from "./fanout.ts";
import type { FlowAgent, HoldReport, StartReport, StopReport } from "./options.ts";
import type { VirtualAgent } from "./agent.ts";

export interface AgentRun {
  agent: FlowAgent;
  start: StartReport;
  hold: HoldReport | undefined;
  stop: StopReport;
}

export async function runGroup(agents: readonly VirtualAgent[], holdMs: number, ledger: FanoutLedger): Promise<AgentRun[]> {
  const supervisors = agents.filter((a) => a.agent.role === "supervisor");
  const members = agents.filter((a) => a.agent.role !== "supervisor");
  const runs = new Map<VirtualAgent, AgentRun>();
  const starts = await Promise.all(supervisors.map((a) => a.start()));
  supervisors.forEach((a, i) => runs.set(a, { agent: a, start: starts[i]!, hold: undefined, stop: { logout: false, closed: false } }));
  const memberRuns = members.map(async (a) => {
    const start = await a.start();
    const hold = start.login ? await a.hold(holdMs) : undefined;
    const stop = await a.stop();
    runs.set(a, { agent: a, start, hold, stop });
  });
  const supervisorHolds = supervisors.map(async (a) => {
    const run = runs.get(a)!;
    if (run.start.login) run.hold = await a.hold(holdMs);
  });
  await Promise.all([...memberRuns, ...supervisorHolds]);
  await ledger.settled();
  // A leaving supervisor's own LOGOUT is expected at its team's other supervisors, so the supervisors
  // of one team leave one after another (teams in parallel), each once the previous one's events settled.
  const byTeam = new Map<string, VirtualAgent[]>();
  for (const a of supervisors) byTeam.set(a.agent.teamId, [...(byTeam.get(a.agent.teamId) ?? []), a]);
  await Promise.all(
    [...byTeam.values()].map(async (team) => {
      for (const a of team) {
        runs.get(a)!.stop = await a.stop();
        await ledger.settled();
      }
    }),
  );
  return agents.map((a) => runs.get(a)!);
}
