// login-storm: a shift start. Logins arrive at a constant rate (`agents` sign-ins spread over `seconds`);
// each iteration signs in one agent (agents.offset + iterationInTest, unique across load generators),
// holds briefly and signs out. Headline: the time-to-ready distribution (xmpp_time_to_ready) and the login
// success rate (finesse_login_success), with thresholds on both; dropped_iterations shows logins the
// generator could not start on time (too few VUs).
//   k6 run results/bundles/login-storm.js -e FINESSE_CONFIG=finesse.json
// Load keys (config scenarios.login-storm.load): agents (default 2000), seconds (default 60), holdMs
// (default 5000), stateChangesPerMinute (default 0), timeToReadyP95Ms (default 5000), preAllocatedVUs and
// maxVUs (default from the arrival rate × the expected iteration time).
import { check } from "k6";
import { VuAgents, agentsForIteration, buildOptions, createRecorder, flowLabels, loadRunConfig, loadValue, type AgentRun } from "../src/k6/index.ts";

const NAME = "login-storm";
const { config, population } = loadRunConfig();
const L = flowLabels(config);
const agents = loadValue(config, NAME, "agents", 2000);
const seconds = loadValue(config, NAME, "seconds", 60);
const holdMs = loadValue(config, NAME, "holdMs", 5_000);
const rate = loadValue(config, NAME, "stateChangesPerMinute", 0);
const ttrP95Ms = loadValue(config, NAME, "timeToReadyP95Ms", 5_000);
for (const [key, v] of [["agents", agents], ["seconds", seconds]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`scenarios.${NAME}.load.${key}: expected a whole number ≥ 1, got ${v}`);
}
const behaviour = { ...config.behaviour, stateChangesPerMinute: rate, agentsPerVu: 1 };
const vu = new VuAgents({ ...config, behaviour }, createRecorder());

// A VU is busy for one iteration: sign-in (a few round trips when healthy, up to every phase timing out),
// the hold, sign-out. Arrivals per second × that time is the concurrency the executor must have on hand;
// pre-allocate it with a margin: an arrival that finds no idle VU is dropped while a VU beyond
// preAllocatedVUs is initialised (k6 arrival-rate executors), which the dropped_iterations threshold reports.
const perSecond = agents / seconds;
const typicalS = holdMs / 1000 + 3;
const worstS = Math.ceil((holdMs + 4 * behaviour.phaseTimeoutMs + 2 * behaviour.eventTimeoutMs) / 1000);
const preAllocatedVUs = loadValue(config, NAME, "preAllocatedVUs", Math.min(agents, Math.ceil(perSecond * typicalS)));
const maxVUs = loadValue(config, NAME, "maxVUs", Math.min(agents, Math.max(preAllocatedVUs, Math.ceil(perSecond * worstS))));
if (!Number.isInteger(preAllocatedVUs) || preAllocatedVUs < 1) {
  throw new Error(`scenarios.${NAME}.load.preAllocatedVUs: expected a whole number ≥ 1, got ${preAllocatedVUs}`);
}
if (!Number.isInteger(maxVUs) || maxVUs < preAllocatedVUs) {
  throw new Error(`scenarios.${NAME}.load.maxVUs: expected a whole number ≥ preAllocatedVUs (${preAllocatedVUs}), got ${maxVUs}`);
}

export const options = buildOptions(config, NAME, {
  scenarios: {
    [NAME]: {
      executor: "constant-arrival-rate",
      // `agents` iterations per `seconds`, for `seconds`: one sign-in per agent
      rate: agents,
      timeUnit: `${seconds}s`,
      duration: `${seconds}s`,
      preAllocatedVUs,
      maxVUs,
      // logins started near the end still finish their flow
      gracefulStop: `${worstS + 10}s`,
    },
  },
  thresholds: {
    checks: ["rate>=0.999"],
    finesse_login_success: ["rate>=0.999"],
    xmpp_time_to_ready: [`p(95)<${ttrP95Ms}`],
    dropped_iterations: ["count==0"],
  },
});

function checkRun(r: AgentRun): void {
  const a = r.agent.agent;
  check(r, {
    "XMPP session ready": (x) => x.start.ready,
    [L.signIn]: (x) => x.start.login,
    [L.signOut]: (x) => x.stop.logout,
    "session closed cleanly": (x) => x.stop.closed,
  }, { role: a.role });
  if (r.start.error) console.error(`agent ${a.id}: ${r.start.error}`);
}

export default async function loginStorm(): Promise<void> {
  const runs = await vu.run(agentsForIteration(config, population, 1), holdMs);
  for (const r of runs) checkRun(r);
}
