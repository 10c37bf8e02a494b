// soak: a constant number of sessions held for a long time (default one hour) with pings on schedule and
// READY ⇄ NOT_READY churn, to find slow leaks, dropped sessions and forced logouts on the server side.
//   k6 run results/bundles/soak.js -e FINESSE_CONFIG=finesse.json
// Each VU drives agentsPerVu agents (agents.offset + iterationInTest · agentsPerVu …) in one iteration that
// holds them for durationMs. The generator's memory stays flat: the bundle keeps no per-event state past its
// settlement (each pending event expectation is removed once received or timed out, bounded by
// eventTimeoutMs × the change rate), and each VU keeps only its own agents. k6 itself keeps every Trend
// sample for the end-of-test percentiles, so long runs with many sessions and short ping intervals grow
// k6's memory by about 8 bytes per sample (use --out and discardResponseBodies as usual for long runs).
// Load keys (config scenarios.soak.load): sessions (default 200), durationMs (default 3600000),
// stateChangesPerMinute (per agent, default behaviour.stateChangesPerMinute), latencyP95Ms (default 2000),
// maxReconnects (default: one per 100 session-hours, at least 1).
import {
  checkHeldRun, flowLabels,
  VuAgents, agentsForIndex, buildOptions, currentScenario, createRecorder, loadRunConfig, loadValue, requireAgents,
} from "../src/k6/index.ts";

const NAME = "soak";
const { config, population } = loadRunConfig();
const L = flowLabels(config);
const sessions = loadValue(config, NAME, "sessions", 200);
const durationMs = loadValue(config, NAME, "durationMs", 3_600_000);
const rate = loadValue(config, NAME, "stateChangesPerMinute", config.behaviour.stateChangesPerMinute);
const latencyP95Ms = loadValue(config, NAME, "latencyP95Ms", 2_000);
const sessionHours = (sessions * durationMs) / 3_600_000;
const maxReconnects = loadValue(config, NAME, "maxReconnects", Math.max(1, Math.ceil(sessionHours / 100)));
if (!Number.isInteger(sessions) || sessions < 1) throw new Error(`scenarios.${NAME}.load.sessions: expected a whole number ≥ 1, got ${sessions}`);
if (durationMs < 1) throw new Error(`scenarios.${NAME}.load.durationMs: expected a duration > 0 ms, got ${durationMs}`);
requireAgents(population, config.agents.offset, sessions, `scenarios.${NAME}.load.sessions`);
const perVu = config.behaviour.agentsPerVu;
const behaviour = { ...config.behaviour, stateChangesPerMinute: rate };
const vu = new VuAgents({ ...config, behaviour }, createRecorder());

const budgetS = Math.ceil((durationMs + 4 * behaviour.phaseTimeoutMs + 3 * behaviour.eventTimeoutMs) / 1000) + 30;

export const options = buildOptions(config, NAME, {
  scenarios: { [NAME]: { executor: "per-vu-iterations", vus: Math.ceil(sessions / perVu), iterations: 1, maxDuration: `${budgetS}s` } },
  thresholds: {
    checks: ["rate>=0.999"],
    finesse_login_success: ["rate>=0.999"],
    finesse_event_delivery: ["rate>=0.999"],
    finesse_event_latency: [`p(95)<${latencyP95Ms}`],
    finesse_forced_logouts: ["count==0"],
    xmpp_reconnects: [`count<=${maxReconnects}`],
  },
});

export default async function soak(): Promise<void> {
  // the last VU drives the remainder when sessions is not a multiple of agentsPerVu
  const { iterationInTest } = currentScenario();
  const count = Math.min(perVu, sessions - iterationInTest * perVu);
  const agents = agentsForIndex(population, config.agents.offset, perVu, iterationInTest).slice(0, count);
  const runs = await vu.run(agents, durationMs);
  for (const r of runs) checkHeldRun(r, L);
}
