// smoke: a few agents and one supervisor of one team, the whole flow once (SystemInfo, session, Team
// subscription, sign-in, state changes, sign-out), with a check on each step. Every check must pass.
//   k6 run results/bundles/smoke.js -e FINESSE_CONFIG=finesse.json
// Load keys (config scenarios.smoke.load): agents (default 4, supervisors first in and last out; the block
// starts at agents.offset), holdMs (default 4000), stateChangesPerMinute (default 30).
import { check } from "k6";
import { VuAgents, agentsForIteration, buildOptions, createRecorder, flowLabels, loadRunConfig, loadValue, type AgentRun } from "../src/k6/index.ts";

const { config, population } = loadRunConfig();
const L = flowLabels(config);
const agents = loadValue(config, "smoke", "agents", 4);
const holdMs = loadValue(config, "smoke", "holdMs", 4_000);
const rate = loadValue(config, "smoke", "stateChangesPerMinute", 30);
const behaviour = { ...config.behaviour, stateChangesPerMinute: rate };
const vu = new VuAgents({ ...config, behaviour }, createRecorder());

const budgetS = Math.ceil((holdMs + 4 * behaviour.phaseTimeoutMs + 2 * behaviour.eventTimeoutMs) / 1000) + 30;

export const options = buildOptions(config, "smoke", {
  scenarios: { smoke: { executor: "per-vu-iterations", vus: 1, iterations: 1, maxDuration: `${budgetS}s` } },
  thresholds: {
    checks: ["rate==1"],
    finesse_login_success: ["rate==1"],
    finesse_event_delivery: ["rate==1"],
    [`finesse_event_delivery{role:${L.self}}`]: ["rate==1"],
    [`finesse_event_delivery{role:${L.watcher}}`]: ["rate==1"],
    harness_errors: ["count==0"],
  },
});

function checkRun(r: AgentRun): void {
  const a = r.agent.agent;
  const tags = { role: a.role };
  check(r, {
    ...(L.kind === "finesse" ? { "SystemInfo is IN_SERVICE": (x: AgentRun) => x.start.systemInfo } : {}),
    "XMPP session ready": (x) => x.start.ready,
    [L.subscribed]: (x) => x.start.subscribed,
    [L.signIn]: (x) => x.start.login,
    [L.changes]: (x) => x.hold !== undefined && x.hold.stateChanges > 0 && x.hold.stateChangesOk === x.hold.stateChanges,
    "no session lost": (x) => x.hold !== undefined && x.hold.lost === 0,
    [L.signOut]: (x) => x.stop.logout,
    "session closed cleanly": (x) => x.stop.closed,
  }, tags);
  if (r.start.error) console.error(`agent ${a.id}: ${r.start.error}`);
}

export default async function smoke(): Promise<void> {
  const runs = await vu.run(agentsForIteration(config, population, agents), holdMs);
  for (const r of runs) checkRun(r);
}
