// capacity: a stepped ramp of held sessions. Every stepMs another stepSessions agents sign in and hold their
// sessions (pings on schedule, READY ⇄ NOT_READY at stateChangesPerMinute) until the end of the last step,
// so the concurrent session count climbs step by step up to maxSessions. Every sample carries the `step`
// tag of the moment it was taken (the step's session count, `stop` once the last step has ended) so latency
// and errors can be read against concurrent sessions; the knee is the first step whose thresholds fail.
// A sample belongs to the step it is recorded in: an event latency to the step its event arrived in.
//   k6 run results/bundles/capacity.js -e FINESSE_CONFIG=finesse.json
// Layout: step k is its own per-vu-iterations scenario (step_00, step_01, …) with startTime k · stepMs; its
// VUs drive agents agents.offset + k · stepSessions + iterationInTest · agentsPerVu …, so identities stay
// unique across steps and load generators, and a VU's single iteration holds its sessions to the end.
// Load keys (config scenarios.capacity.load): stepSessions (default 100), stepMs (default 300000),
// maxSessions (default 2000), stateChangesPerMinute (per agent, default behaviour.stateChangesPerMinute),
// latencyP95Ms (default 2000), timeToReadyP95Ms (default 5000). behaviour.agentsPerVu sets sessions per VU.
import {
  checkHeldRun, flowLabels,
  VuAgents, buildOptions, createRecorder, currentScenario, loadRunConfig, loadValue, planSteps, requireAgents, stepAgents, tagSteps,
  withoutAbort, type Step, type Thresholds,
} from "../src/k6/index.ts";

const NAME = "capacity";
const { config, population } = loadRunConfig();
const L = flowLabels(config);
const stepSessions = loadValue(config, NAME, "stepSessions", 100);
const stepMs = loadValue(config, NAME, "stepMs", 300_000);
const maxSessions = loadValue(config, NAME, "maxSessions", 2_000);
const rate = loadValue(config, NAME, "stateChangesPerMinute", config.behaviour.stateChangesPerMinute);
const latencyP95Ms = loadValue(config, NAME, "latencyP95Ms", 2_000);
const ttrP95Ms = loadValue(config, NAME, "timeToReadyP95Ms", 5_000);
const perVu = config.behaviour.agentsPerVu;
const plan = (() => {
  try {
    return planSteps({ stepSessions, maxSessions, stepMs, perVu });
  } catch (e) {
    throw new Error(`scenarios.${NAME}.load: ${(e as Error).message}`);
  }
})();
requireAgents(population, config.agents.offset, maxSessions, `scenarios.${NAME}.load.maxSessions`);
const byName = new Map<string, Step>(plan.steps.map((s) => [s.name, s]));
const behaviour = { ...config.behaviour, stateChangesPerMinute: rate };

// Start of step 0 in epoch ms, fixed by the VU's first iteration (module state is per VU in k6).
let origin = NaN;
const record = tagSteps(createRecorder(), plan, () => Date.now() - origin);
const vu = new VuAgents({ ...config, behaviour }, record);

// Sign-in (every phase may time out) and sign-out (two changes and their events) around the hold.
const flowS = Math.ceil((4 * behaviour.phaseTimeoutMs + 3 * behaviour.eventTimeoutMs) / 1000) + 30;

const scenarios: Record<string, Record<string, unknown>> = {};
for (const s of plan.steps) {
  scenarios[s.name] = {
    executor: "per-vu-iterations", exec: "capacity", vus: s.vus, iterations: 1,
    startTime: `${s.startMs}ms`, maxDuration: `${plan.endMs - s.startMs + flowS * 1000}ms`,
  };
}

// Overall verdicts plus one per step on the metrics that carry the step tag: the first failing step is the knee.
const thresholds: Thresholds = {
  finesse_login_success: ["rate>=0.999"],
  finesse_event_delivery: ["rate>=0.999"],
  finesse_event_latency: [`p(95)<${latencyP95Ms}`],
  xmpp_time_to_ready: [`p(95)<${ttrP95Ms}`],
};
for (const s of plan.steps) {
  thresholds[`finesse_login_success{step:${s.sessions}}`] = ["rate>=0.999"];
  thresholds[`finesse_event_latency{step:${s.sessions}}`] = [`p(95)<${latencyP95Ms}`];
}

const base = buildOptions(config, NAME, { scenarios, thresholds });
export const options = { ...base, thresholds: withoutAbort(base.thresholds) };

export async function capacity(): Promise<void> {
  const scenario = currentScenario();
  const step = byName.get(scenario.name);
  if (!step) throw new Error(`capacity: scenario ${scenario.name} is not one of the steps (${[...byName.keys()].join(", ")})`);
  if (Number.isNaN(origin)) origin = scenario.startTime - step.startMs;
  const agents = stepAgents(population, config.agents.offset, step, perVu, scenario.iterationInTest);
  const holdMs = Math.max(0, origin + plan.endMs - Date.now());
  const runs = await vu.run(agents, holdMs);
  for (const r of runs) checkHeldRun(r, L);
}

export default capacity;
