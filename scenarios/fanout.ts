// fanout: whole teams (supervisors subscribed to their Team/{id}/Users node, then the team's agents) hold
// their sessions and change state at a configured rate; every subscriber times each event from its
// request (finesse_event_latency{role,node}) and every expected delivery is counted against the received
// ones (finesse_event_delivery, finesse_events_lost).
//   k6 run results/bundles/fanout.js -e FINESSE_CONFIG=finesse.json
// One VU drives one team block: `teamBlock` consecutive rows of the agents CSV, the team's supervisors
// first and then its agents (the order of the simulator's CSV), so supervisor accounting is exact (the
// trigger and its supervisors share the VU's fan-out ledger). All team VUs start together.
// Load keys (config scenarios.fanout.load): teams (default 2), teamBlock (rows per team, default 11:
// 1 supervisor + 10 agents), holdMs (default 20000), stateChangesPerMinute (per agent, default 6) or
// eventsPerSecond (all agents together; when > 0 it sets the per-agent rate), latencyP95Ms (default 2000).
import { check } from "k6";
import { VuAgents, agentsForIteration, buildOptions, createRecorder, flowLabels, loadRunConfig, loadValue, type AgentRun } from "../src/k6/index.ts";

const { config, population } = loadRunConfig();
const L = flowLabels(config);
const teams = loadValue(config, "fanout", "teams", 2);
const teamBlock = loadValue(config, "fanout", "teamBlock", 11);
const holdMs = loadValue(config, "fanout", "holdMs", 20_000);
const eventsPerSecond = loadValue(config, "fanout", "eventsPerSecond", 0);
const perAgentRate = loadValue(config, "fanout", "stateChangesPerMinute", 6);
const latencyP95Ms = loadValue(config, "fanout", "latencyP95Ms", 2_000);
if (!Number.isInteger(teams) || teams < 1) throw new Error(`scenarios.fanout.load.teams: expected a whole number ≥ 1, got ${teams}`);
if (!Number.isInteger(teamBlock) || teamBlock < 2) {
  throw new Error(`scenarios.fanout.load.teamBlock: expected a whole number ≥ 2 (supervisors and agents of one team), got ${teamBlock}`);
}
// eventsPerSecond is spread over every agent of every team (supervisors change state too), or over the
// publishing share of them (generic XMPP targets, targets[0].publishers)
const share = (L.kind === "xmpp" ? config.targets[0]!.publishers : undefined) ?? 1;
const rate = eventsPerSecond > 0 && share > 0 ? (eventsPerSecond * 60) / (teams * teamBlock * share) : perAgentRate;
const behaviour = { ...config.behaviour, stateChangesPerMinute: rate, agentsPerVu: teamBlock };
const vu = new VuAgents({ ...config, behaviour }, createRecorder());

const budgetS = Math.ceil((holdMs + 4 * behaviour.phaseTimeoutMs + 3 * behaviour.eventTimeoutMs) / 1000) + 30;

export const options = buildOptions(config, "fanout", {
  scenarios: { fanout: { executor: "per-vu-iterations", vus: teams, iterations: 1, maxDuration: `${budgetS}s` } },
  thresholds: {
    checks: ["rate==1"],
    finesse_login_success: ["rate==1"],
    finesse_event_delivery: ["rate>=0.999"],
    [`finesse_event_delivery{role:${L.self}}`]: ["rate>=0.999"],
    [`finesse_event_delivery{role:${L.watcher}}`]: ["rate>=0.999"],
    finesse_event_latency: [`p(95)<${latencyP95Ms}`],
    [`finesse_event_latency{role:${L.self}}`]: [`p(95)<${latencyP95Ms}`],
    [`finesse_event_latency{role:${L.watcher}}`]: [`p(95)<${latencyP95Ms}`],
  },
});

/** The block is one team, its supervisors first: otherwise supervisor accounting is not exact. */
function oneTeam(runs: readonly AgentRun[]): boolean {
  const agents = runs.map((r) => r.agent.agent);
  const team = agents[0]?.teamId;
  const firstAgent = agents.findIndex((a) => a.role !== "supervisor");
  const supervisorsFirst = firstAgent < 0 || agents.slice(firstAgent).every((a) => a.role !== "supervisor");
  return agents.length > 0 && agents.every((a) => a.teamId === team) && supervisorsFirst && agents[0]!.role === "supervisor";
}

function checkRun(r: AgentRun): void {
  const a = r.agent.agent;
  check(r, {
    "XMPP session ready": (x) => x.start.ready,
    [L.subscribed]: (x) => x.start.subscribed,
    [L.signIn]: (x) => x.start.login,
    "no session lost": (x) => x.hold !== undefined && x.hold.lost === 0,
    [L.signOut]: (x) => x.stop.logout,
  }, { role: a.role });
  if (r.start.error) console.error(`agent ${a.id}: ${r.start.error}`);
}

export default async function fanout(): Promise<void> {
  const agents = agentsForIteration(config, population, teamBlock);
  const runs = await vu.run(agents, holdMs);
  const whole = oneTeam(runs);
  if (!whole) {
    const first = agents[0];
    console.warn(`fanout: the block of ${agents.length} rows from agent ${first?.id} is not one team with its supervisors first; set scenarios.fanout.load.teamBlock to the team size (supervisors + agents)`);
  }
  check(whole, { "the VU drives one whole team, supervisors first": (x) => x });
  for (const r of runs) checkRun(r);
}
