// Measures a loopback Prosody with the generic XMPP target mode through the embedded runtime: login-storm at a few
// arrival rates (sessions only, publishers 0) and a 200-agent fanout (delivery latency).
//   MEASURE=storm|fanout|all node --experimental-vm-modules --disable-warning=ExperimentalWarning --import tsx --test test/support/measure-xmpp.ts
// (under the test runner, as the runtime's VU threads expect; not part of npm test)
import { test } from "node:test";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startProsody } from "./prosody.ts";
import { runScenario } from "./scenario-run.ts";
import { xmppPopulation } from "./xmpp-population.ts";

test("measure Prosody", { timeout: 1_800_000 }, async () => {
const pop = xmppPopulation(60, 10, 1, "m");
const p = await startProsody({ users: pop.users, admins: pop.ids });
const behaviour = { ping: { intervalMs: 10_000, timeoutMs: 10_000, maxMisses: 2 }, eventTimeoutMs: 10_000, phaseTimeoutMs: 30_000 };
const target = { name: "prosody", kind: "xmpp", wsUrl: p.wsUrl, xmppDomain: p.domain };
const f = (v: number | undefined) => (v === undefined ? "-" : v.toFixed(1));
try {
  const mode = process.env.MEASURE ?? "all";
  let offset = 0;
  if (mode === "all" || mode === "storm") {
    for (const [agents, seconds] of [[100, 10], [150, 5], [200, 4]] as const) {
      const dir = await mkdtemp(join(tmpdir(), "m-storm-"));
      const t0 = Date.now();
      const r = await runScenario("login-storm", { target: { ...target, publishers: 0 }, csv: pop.csv }, dir, {
        agents: { offset }, behaviour, scenario: { load: { agents, seconds, holdMs: 2_000 } },
      });
      offset += agents;
      const ttr = r.m("xmpp_time_to_ready");
      const opened = r.metrics.xmpp_sessions_opened?.values.count ?? 0;
      console.log(`storm ${agents}/${seconds}s (${agents / seconds}/s offered): exit ${r.result.exitCode} opened ${opened} login ${f(r.m("finesse_login_success").rate! * 100)}% dropped ${r.metrics.dropped_iterations?.values.count ?? 0} ttr p50 ${f(ttr.med)} p95 ${f(ttr["p(95)"])} p99 ${f(ttr["p(99)"])} max ${f(ttr.max)} wall ${Date.now() - t0} ms`);
    }
  }
  if (mode === "all" || mode === "fanout") {
    const dir = await mkdtemp(join(tmpdir(), "m-fan-"));
    const r = await runScenario("fanout", { target, csv: pop.csv }, dir, {
      behaviour, scenario: { load: { teams: 20, teamBlock: 10, holdMs: 20_000, stateChangesPerMinute: 12 } },
    });
    const l = r.m("finesse_event_latency");
    const pub = r.m("xmpp_publish");
    const n = r.metrics;
    console.log(`fanout 200: exit ${r.result.exitCode} publishes ${pub.count} deliveries ${n.finesse_events_received?.values.count}/${n.finesse_events_expected?.values.count} lost ${n.finesse_events_lost?.values.count ?? 0} errors ${n.harness_errors?.values.count ?? 0}`);
    console.log(`  latency p50 ${f(l.med)} p95 ${f(l["p(95)"])} p99 ${f(l["p(99)"])} max ${f(l.max)}; publish iq p50 ${f(pub.med)} p95 ${f(pub["p(95)"])}; ttr p50 ${f(r.m("xmpp_time_to_ready").med)} p95 ${f(r.m("xmpp_time_to_ready")["p(95)"])}`);
    for (const role of ["publisher", "watcher"]) {
      const v = n[`finesse_event_latency{role:${role}}`]?.values;
      if (v) console.log(`  ${role}: p50 ${f(v.med)} p95 ${f(v["p(95)"])} p99 ${f(v["p(99)"])} count ${v.count}`);
    }
  }
} finally {
  await p.stop();
}
});
