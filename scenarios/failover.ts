// failover: agents hold their sessions while a fault hits the Finesse node; measures how long each agent
// took to notice (failover_detection_time), how long to be ready again (finesse_recovery_time{cause}),
// whether it recovered (failover_recovery_success, per loss), reconnects (xmpp_reconnects{target,cause})
// and forced logouts (finesse_forced_logouts; Finesse signs out an agent 60 s after its presence is lost:
// Finesse developer guide, "Desktop Presence and Forced Logout"). Agents poll SystemInfo on both nodes of
// the pair (targets[].secondary), preferring the current one, and reconnect to the node in service, as the
// desktop does ("Failure Scenarios").
//   k6 run results/bundles/failover.js -e FINESSE_CONFIG=finesse.json
// Load keys (config scenarios.failover.load): agents (default 10), agentsPerVu (default 5), fault
// ("drop-sockets" | "out-of-service": POST <restUrl>/admin/<fault> on each target at faultAtS, needs the
// simulator's --admin; "external": nothing is injected, the run holds and measures a failure caused by hand,
// e.g. stopping a lab node, and detection time is not measured), faultAtS (default 10, after every agent
// signed in), outOfServiceS (default 10), recoveryWindowS (held after faultAtS, default 60), recoveryP95Ms
// (default 30000), stateChangesPerMinute (default 2).
import { check } from "k6";
import {
  VuAgents, agentsForIteration, buildOptions, createRecorder, currentScenario, loadRunConfig, loadValue, parseFault, triggerFault, type AgentRun,
} from "../src/k6/index.ts";

const { config, population } = loadRunConfig();
const load = <T extends number | string>(key: string, fallback: T): T => loadValue(config, "failover", key, fallback);
const agents = load("agents", 10);
const perVu = load("agentsPerVu", 5);
const fault = parseFault(load("fault", "drop-sockets"));
const faultAtS = load("faultAtS", 10);
const outOfServiceS = load("outOfServiceS", 10);
const recoveryWindowS = load("recoveryWindowS", 60);
const recoveryP95Ms = load("recoveryP95Ms", 30_000);
for (const [key, v] of [["agents", agents], ["agentsPerVu", perVu]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`scenarios.failover.load.${key}: expected a whole number ≥ 1, got ${v}`);
}
const behaviour = { ...config.behaviour, stateChangesPerMinute: load("stateChangesPerMinute", 2), agentsPerVu: perVu };
const record = createRecorder();
const vu = new VuAgents({ ...config, behaviour }, record);

const flowS = Math.ceil((4 * behaviour.phaseTimeoutMs + 3 * behaviour.eventTimeoutMs) / 1000);
export const options = buildOptions(config, "failover", {
  scenarios: {
    hold: { executor: "per-vu-iterations", exec: "hold", vus: Math.ceil(agents / perVu), iterations: 1, maxDuration: `${faultAtS + recoveryWindowS + flowS + 30}s` },
    ...(fault === "external" ? {} : { fault: { executor: "per-vu-iterations", exec: "inject", vus: 1, iterations: 1, startTime: `${faultAtS}s`, maxDuration: "30s" } }),
  },
  thresholds: {
    checks: ["rate==1"],
    failover_recovery_success: ["rate==1"],
    finesse_recovery_time: [`p(95)<${recoveryP95Ms}`],
    finesse_forced_logouts: ["count==0"],
  },
});

/** Injects the fault on every target (the primary side of each pair). */
export async function inject(): Promise<void> {
  for (const t of config.targets) {
    const error = t.restUrl === undefined ? "failover: the simulator's faults need a Finesse target (restUrl)" : await triggerFault(t.restUrl, fault, outOfServiceS);
    if (error) console.error(`failover: ${error}`);
    check(error, { "fault injected": (e) => e === undefined });
  }
}

function measure(r: AgentRun, faultAt: number): void {
  const losses = r.hold?.losses ?? [];
  const first = losses.find((l) => l.at >= faultAt);
  if (first && fault !== "external") record("failover_detection_time", first.at - faultAt, { cause: first.cause });
  for (const l of losses) record("failover_recovery_success", l.recoveredAt === undefined ? 0 : 1, { cause: l.cause, target: l.from });
  const a = r.agent.agent;
  check(r, {
    "signed in before the fault": (x) => x.start.login,
    ...(fault === "external" ? {} : { "the fault was noticed": () => first !== undefined }),
    "recovered from every loss": (x) => x.hold !== undefined && !x.hold.gaveUp && x.hold.recovered === x.hold.lost,
    "signed out (LOGOUT event)": (x) => x.stop.logout,
  }, { role: a.role });
  if (r.start.error) console.error(`agent ${a.id}: ${r.start.error}`);
}

export async function hold(): Promise<void> {
  const s = currentScenario();
  const mine = agentsForIteration(config, population, perVu).slice(0, Math.max(0, agents - s.iterationInTest * perVu));
  const faultAt = s.startTime + faultAtS * 1000;
  const runs = await vu.run(mine, Math.max(0, faultAt + recoveryWindowS * 1000 - Date.now()));
  for (const r of runs) measure(r, faultAt);
}
