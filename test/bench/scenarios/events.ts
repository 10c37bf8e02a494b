// Benchmark scenario: each VU opens behaviour.agentsPerVu XMPP sessions to ready (the agent's session code on
// k6/websockets) and holds them for holdMs while the simulator bursts User updates at them. Every update is
// received, unframed and parsed as the agent does (payload → parseUpdate) and timed: its <requestId> carries
// the simulator's send time (`bench-<epoch ms>`), so bench_event_delay is send → parsed on the harness.
// Load keys (config scenarios.bench-events.load): sessions, holdMs.
import { Counter, Trend } from "k6/metrics";
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
const ids = randomIds();

export const options = buildOptions(config, NAME, {
  scenarios: { [NAME]: { executor: "per-vu-iterations", vus: Math.ceil(sessions / perVu), iterations: 1, maxDuration: `${Math.ceil(holdMs / 1000) + 120}s` } },
  thresholds: {},
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
        delay.add(Date.now() - Number(id.slice(PREFIX.length)));
        received.add(1);
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
