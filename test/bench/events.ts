// Event ingestion: sessions held by the load generator (test/bench/scenarios/events.ts) or by the bare `ws`
// reference, then two bursts from the simulator: `idle` (a light paced stream: the latency the client adds
// when nothing else happens) and `load` (as fast as the simulator sends: the receive rate, and the latency
// while saturated). Rate = events / (last receive − burst start); delay = receive − the event's send stamp.
import { cpuBetween, sleep, stop, treePids, usageOf, type Started } from "./procs.ts";
import { fleetStats, type SimFleet } from "./sims.ts";
import { readSummary, startGenerator } from "./generator.ts";
import { bareLines, startBare } from "./held.ts";

export interface EventsOptions {
  root: string;
  dir: string;
  fleet: SimFleet;
  sessions: number;
  /** events of the load burst */
  events: number;
  /** events and rate of the idle stream */
  idleEvents: number;
  idlePerSecond: number;
  /** extra node flags for the generator (e.g. --cpu-prof) */
  nodeFlags?: string[];
}

export interface PhaseResult {
  sent: number;
  received: number;
  perSecond: number;
  delayMedMs: number | undefined;
  delayP99Ms: number | undefined;
  /** client CPU seconds over the phase (until it was idle again) */
  cpuS: number;
  /** client CPU microseconds per event received */
  cpuUsPerEvent: number;
}

export interface EventsResult {
  sessions: number;
  idle: PhaseResult;
  load: PhaseResult;
}

const HOLD_MS = 120_000;

async function post(url: string): Promise<{ sent: number }> {
  const res = await fetch(url, { method: "POST" });
  const body = (await res.json()) as { sent: number; error?: string };
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.error ?? ""}`);
  return body;
}

interface Phase {
  label: string;
  count: number;
  perSecond: number;
}

/** Waits for the clients' sessions, runs both bursts, and returns start times and CPU per phase. */
async function bursts(o: EventsOptions, pids: () => number[], exited: Promise<unknown>): Promise<Map<string, { start: number; sent: number; cpuS: number }>> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 90_000;
  while ((await fleetStats(o.fleet)).sessions < o.sessions) {
    if (gone) throw new Error("clients exited before their sessions were ready");
    if (Date.now() > deadline) throw new Error(`fewer than ${o.sessions} sessions ready after 90 s`);
    await sleep(250);
  }
  await sleep(1000);
  const out = new Map<string, { start: number; sent: number; cpuS: number }>();
  const phases: Phase[] = [{ label: "idle", count: o.idleEvents, perSecond: o.idlePerSecond }, { label: "load", count: o.events, perSecond: 0 }];
  for (const p of phases) {
    const before = usageOf(pids());
    const start = Date.now();
    // each node gets its share of the burst, all at once
    const share = Math.ceil(p.count / o.fleet.nodes.length);
    const rate = p.perSecond > 0 ? Math.max(1, Math.round(p.perSecond / o.fleet.nodes.length)) : 0;
    const sent = (await Promise.all(o.fleet.nodes.map((n) => post(`${n.url}/admin/blast?events=${share}&perSecond=${rate}&label=${p.label}`)))).reduce((s, r) => s + r.sent, 0);
    // the client has drained the burst once its CPU use drops to near nothing (twice in a row; at most 60 s)
    let calm = 0;
    let prev = usageOf(pids());
    for (let i = 0; i < 120 && calm < 2; i++) {
      await sleep(500);
      const now = usageOf(pids());
      calm = cpuBetween(prev, now) < 0.03 ? calm + 1 : 0;
      prev = now;
    }
    out.set(p.label, { start, sent, cpuS: cpuBetween(before, prev) });
  }
  return out;
}

export async function runEventsHarness(o: EventsOptions): Promise<EventsResult> {
  const gen = await startGenerator({
    root: o.root, dir: o.dir, scenario: "events", fleet: o.fleet, agentsPerVu: o.sessions, vusPerProcess: 1, workers: 0,
    load: { sessions: o.sessions, holdMs: HOLD_MS }, nodeFlags: o.nodeFlags, runFlags: ["-e", "BENCH_PHASES=idle,load"],
  });
  try {
    const b = await bursts(o, () => treePids(gen.proc.pid), gen.proc.exited);
    await stop(gen.proc, 20_000);
    const s = readSummary(gen.summaryPath);
    const phase = (label: string): PhaseResult => {
      const p = b.get(label)!;
      const received = s[`bench_events{phase:${label}}`]?.count ?? 0;
      const lastAt = s[`bench_event_last{phase:${label}}`]?.value ?? p.start;
      const d = s[`bench_event_delay{phase:${label}}`];
      return { sent: p.sent, received, perSecond: received / Math.max(0.001, (lastAt - p.start) / 1000), delayMedMs: d?.med, delayP99Ms: d?.["p(99)"], cpuS: p.cpuS, cpuUsPerEvent: (p.cpuS * 1e6) / Math.max(1, received) };
    };
    return { sessions: o.sessions, idle: phase("idle"), load: phase("load") };
  } finally {
    await stop(gen.proc);
  }
}

export async function runEventsBare(o: EventsOptions): Promise<EventsResult> {
  const procs: Started[] = startBare({ root: o.root, dir: o.dir, fleet: o.fleet, sessions: o.sessions, agentsPerVu: o.sessions, vusPerProcess: 1, workers: 0, rampS: 0, holdS: 0 }, "events", o.sessions, HOLD_MS);
  try {
    const b = await bursts(o, () => procs.map((p) => p.pid), Promise.all(procs.map((p) => p.exited)));
    // SIGUSR2 ends the bare clients' hold; each then prints its result and exits
    for (const p of procs) p.child.kill("SIGUSR2");
    await Promise.all(procs.map((p) => p.exited));
    const lines = bareLines(procs);
    const phase = (label: string): PhaseResult => {
      const p = b.get(label)!;
      const all = lines.flatMap((l) => l.phases[label]?.ms ?? []).sort((x, y) => x - y);
      const lastAt = Math.max(p.start, ...lines.map((l) => l.phases[label]?.last ?? 0));
      const q = (f: number) => (all.length === 0 ? undefined : all[Math.min(all.length - 1, Math.floor(f * all.length))]);
      return { sent: p.sent, received: all.length, perSecond: all.length / Math.max(0.001, (lastAt - p.start) / 1000), delayMedMs: q(0.5), delayP99Ms: q(0.99), cpuS: p.cpuS, cpuUsPerEvent: (p.cpuS * 1e6) / Math.max(1, all.length) };
    };
    return { sessions: o.sessions, idle: phase("idle"), load: phase("load") };
  } finally {
    await Promise.all(procs.map((p) => stop(p)));
  }
}
