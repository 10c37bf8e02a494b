// Benchmark scenario: `sessions` agents sign in (the whole desktop flow: SystemInfo, session to ready, LOGIN
// timed to its event) spread evenly over rampMs, each holds its session with pings for rampMs + holdMs +
// slackMs from its own sign-in, then signs out: however long the sign-ins take (a loaded machine), every
// session is in for at least holdMs at once. One VU drives behaviour.agentsPerVu agents; VU i starts its
// agents i · rampMs / VUs into the run. With rampMs 0 every agent signs in at once (the login rate).
// Load keys (config scenarios.bench-held.load): sessions, rampMs, holdMs, slackMs (default 20000).
import { setTimeout } from "k6/timers";
import {
  VuAgents, agentsForIndex, buildOptions, checkHeldRun, createRecorder, currentScenario, loadRunConfig, loadValue, requireAgents,
} from "../../../src/k6/index.ts";

const NAME = "bench-held";
const { config, population } = loadRunConfig();
const sessions = loadValue(config, NAME, "sessions", 100);
const rampMs = loadValue(config, NAME, "rampMs", 0);
const holdMs = loadValue(config, NAME, "holdMs", 10_000);
const slackMs = loadValue(config, NAME, "slackMs", 20_000);
requireAgents(population, config.agents.offset, sessions, `scenarios.${NAME}.load.sessions`);
const perVu = config.behaviour.agentsPerVu;
const vus = Math.ceil(sessions / perVu);
const vu = new VuAgents(config, createRecorder());
const b = config.behaviour;
const budgetS = Math.ceil((2 * rampMs + holdMs + slackMs + 4 * b.phaseTimeoutMs + 3 * b.eventTimeoutMs) / 1000) + 30;

export const options = buildOptions(config, NAME, {
  scenarios: { [NAME]: { executor: "per-vu-iterations", vus, iterations: 1, maxDuration: `${budgetS}s` } },
  thresholds: { finesse_login_success: ["rate>=0.999"] },
});

export default async function held(): Promise<void> {
  const { iterationInTest } = currentScenario();
  const delay = Math.floor((iterationInTest * rampMs) / vus);
  if (delay > 0) await new Promise<void>((r) => setTimeout(r, delay));
  const count = Math.min(perVu, sessions - iterationInTest * perVu);
  const agents = agentsForIndex(population, config.agents.offset, perVu, iterationInTest).slice(0, count);
  const runs = await vu.run(agents, rampMs + holdMs + slackMs);
  for (const r of runs) checkHeldRun(r);
}
