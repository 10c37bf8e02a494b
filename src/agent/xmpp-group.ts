// Runs the agents of one host event loop (one k6 VU) against a generic XMPP target: publishers create and
// subscribe to their nodes, watchers subscribe once those nodes exist, then everyone holds (publishers
// publish); with readiness "barrier" nobody holds before every agent of the block is ready and subscribed.
// Everyone stays subscribed until every expected delivery has settled, then leaves.
import type { FanoutLedger } from "./fanout.ts";
import type { AgentRun } from "./group.ts";
import type { XmppAgent } from "./xmpp-agent.ts";

export async function runXmppGroup(agents: readonly XmppAgent[], holdMs: number, ledger: FanoutLedger, barrier: boolean): Promise<AgentRun[]> {
  const starts = agents.map((a) => a.start());
  const nodesUp = Promise.all(starts);
  // a publisher that did not start has no node to watch (its failure is counted already)
  const down = nodesUp.then((r) => new Set(agents.filter((_, i) => !r[i]!.login).map((a) => a.node)));
  const watched = agents.map(async (a, i) => {
    await starts[i];
    await a.watch(a.watching || barrier ? await down : new Set());
  });
  const allWatched = Promise.all(watched);
  const holds = await Promise.all(agents.map(async (a, i) => {
    const start = await starts[i]!;
    await (barrier ? allWatched : watched[i]);
    return start.login ? a.hold(holdMs) : undefined;
  }));
  await ledger.settled();
  const stops = await Promise.all(agents.map((a) => a.stop()));
  const startReports = await nodesUp;
  return agents.map((a, i) => ({ agent: a, start: startReports[i]!, hold: holds[i], stop: stops[i]! }));
}
