// Benchmark scenario: each VU opens behaviour.agentsPerVu XMPP sessions to ready (the agent's session code on
// k6/websockets) and holds them for holdMs while the simulator bursts User updates at them. Every update is
// received, unframed and parsed as the agent does (payload → parseUpdate) and timed: its <requestId> carries
// the simulator's send time and the burst's label (`bench-<epoch ms>-<label>`), so bench_event_delay{phase:
// <label>} is send → parsed on the harness, and bench_event_last{phase} the receive time of a burst's last event.
// Load keys (config scenarios.bench-events.load): sessions, holdMs. Env BENCH_PHASES: the burst labels
// (comma-separated) whose submetrics go into the summary.
import { Counter, Gauge, Trend } from "k6/metrics";
import { setTimeout } from "k6/timers";
import { agentsForIndex, buildOptions, currentScenario, k6Base64, k6Clock, k6Connect, loadRunConfig, loadValue, requireAgents, targetOf } from "../../../src/k6/index.ts";
import { parseUpdate, payloadText } from "../../../src/finesse/index.ts";
import { XmppSession, randomIds } from "../../../src/xmpp/index.ts";

const NAME = "bench-events";
const PREFIX = "bench-";
const { config, population } = loadRunConfig();
const sessions = loadValue(config, NAME, "sessions", 10);
const holdMs = loadValue(config, NAME, "holdMs", 10_000);
requireAgents(population, config.agents.offset, sessions, `scenarios.${NAME}.load.sessions`);
const perVu = config.behaviour.agentsPerVu;
const delay = new Trend("bench_event_delay", true);
const received = new Counter("bench_events");
const unparsed = new Counter("bench_events_unparsed");
const last = new Gauge("bench_event_last");
const phases = (__ENV.BENCH_PHASES ?? "").split(",").filter((p) => p !== "");
// k6 puts submetrics into the summary only when a threshold names them: always-true thresholds do that.
const thresholds: Record<string, string[]> = {};
for (const p of phases) {
  thresholds[`bench_event_delay{phase:${p}}`] = ["max>=0"];
  thresholds[`bench_events{phase:${p}}`] = ["count>=0"];
  thresholds[`bench_event_last{phase:${p}}`] = ["value>=0"];
}
const ids = randomIds();

export const options = buildOptions(config, NAME, {
  scenarios: { [NAME]: { executor: "per-vu-iterations", vus: Math.ceil(sessions / perVu), iterations: 1, maxDuration: `${Math.ceil(holdMs / 1000) + 120}s` } },
  thresholds,
});

export default async function events(): Promise<void> {
  const { iterationInTest, startTime } = currentScenario();
  const count = Math.min(perVu, sessions - iterationInTest * perVu);
  const agents = agentsForIndex(population, config.agents.offset, perVu, iterationInTest).slice(0, count);
  const t = config.behaviour.phaseTimeoutMs;
  const open = await Promise.all(agents.map(async (a) => {
    const target = targetOf(config, a);
    const s = new XmppSession({ connect: k6Connect, clock: k6Clock, ids, base64: k6Base64, random: Math.random }, {
      url: target.wsUrl, domain: target.xmppDomain ?? "", username: a.id.toLowerCase(), password: a.password, resource: config.agents.resource,
      pubsubService: target.pubsubDomain, timeouts: { upgrade: t, open_features: t, sasl: t, restart: t, bind: t, session: t, presence: t, request: t },
    });
    s.on("pubsub", (n) => {
      try {
        const id = parseUpdate(payloadText(n.payload)).requestId;
        if (!id.startsWith(PREFIX)) return;
        const [sent = "", phase = ""] = id.slice(PREFIX.length).split("-");
        const now = Date.now();
        const tags = { phase };
        delay.add(now - Number(sent), tags);
        received.add(1, tags);
        last.add(now, tags);
      } catch {
        unparsed.add(1);
      }
    });
    await s.connect();
    return s;
  }));
  const left = startTime + holdMs - Date.now();
  if (left > 0) await new Promise<void>((r) => setTimeout(r, left));
  await Promise.all(open.map((s) => s.close()));
}
