// Held sessions and login rate against a simulator fleet, for the load generator (finesse-load run on
// test/bench/scenarios/held.ts) and for the bare `ws` reference (test/bench/bare-client.ts): ramp to
// `sessions` signed-in sessions, hold them with 10 s pings, and sample the client processes (RSS summed over
// them, CPU) and the fleet's counts (open sockets, signed-in users) every 250 ms until all are in, then
// every second.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpuBetween, sleep, startNode, stop, treePids, usageOf, type Started, type Usage } from "./procs.ts";
import { fleetStats, type SimFleet } from "./sims.ts";
import { readSummary, startGenerator } from "./generator.ts";

export interface HeldOptions {
  root: string;
  dir: string;
  fleet: SimFleet;
  sessions: number;
  agentsPerVu: number;
  vusPerProcess: number;
  workers: number;
  /** 0: every agent signs in at once */
  rampS: number;
  holdS: number;
  nodeFlags?: string[];
  runFlags?: string[];
  env?: NodeJS.ProcessEnv;
  /** called once when the hold window starts, with the client's first process id */
  onHold?(pid: number): void;
}

export interface HeldResult {
  sessions: number;
  /** most users the fleet had signed in at once */
  peakSignedIn: number;
  /** seconds from the first socket to every user signed in (undefined if never) */
  allInS: number | undefined;
  loginsPerS: number | undefined;
  loginCpuSPer1000: number | undefined;
  holdRssBytes: number;
  rssPerSessionBytes: number;
  idleRssBytes: number;
  holdCpuPercent: number;
  processes: number;
  pingRttMedMs: number | undefined;
  pingRttP99Ms: number | undefined;
  failed: number;
  exitCode: number | string;
}

interface Observed {
  peak: number;
  allInS: number | undefined;
  loginCpuS: number | undefined;
  holdRss: number;
  idleRss: number;
  holdCpuPercent: number;
  processes: number;
  exit: number | string;
}

/** Samples `pids()` and the fleet until `exited` settles (or the time limit, an error). */
async function observe(o: HeldOptions, root: number, pids: () => number[], exited: Promise<number | string>): Promise<Observed> {
  const t0 = Date.now();
  let exit: number | string | undefined;
  void exited.then((c) => (exit = c));
  let idleRss = 0;
  let peak = 0;
  let allInS: number | undefined;
  let beforeLogin: Usage | undefined;
  let beforeT = 0;
  let atIn: Usage | undefined;
  let holdStart: Usage | undefined;
  let holdEnd: Usage | undefined;
  let holdStartT = 0;
  let holdEndT = 0;
  let holdRss = 0;
  let processes = 0;
  const limit = t0 + (2 * o.rampS + o.holdS + 400) * 1000;
  while (exit === undefined && Date.now() < limit) {
    await sleep(allInS === undefined ? 250 : 1000);
    const u = usageOf(pids());
    const { signedIn, sockets } = await fleetStats(o.fleet);
    if (sockets === 0 && allInS === undefined) {
      idleRss = Math.max(idleRss, u.rssBytes);
      beforeLogin = u;
      beforeT = Date.now();
    }
    peak = Math.max(peak, signedIn);
    if (allInS === undefined && signedIn >= o.sessions) {
      allInS = (Date.now() - beforeT) / 1000;
      atIn = u;
    }
    // the hold: from 2 s after all are in, for holdS (every agent holds rampS + holdS + 20 s from its sign-in)
    const since = Date.now() - beforeT;
    const from = (allInS === undefined ? Infinity : allInS * 1000) + 2000;
    if (since >= from && since < from + o.holdS * 1000 && signedIn >= o.sessions * 0.99) {
      if (!holdStart) {
        o.onHold?.(root);
        holdStart = u;
        holdStartT = Date.now();
      }
      holdEnd = u;
      holdEndT = Date.now();
      holdRss = Math.max(holdRss, u.rssBytes);
      processes = Math.max(processes, u.pids.length);
    }
  }
  if (exit === undefined) throw new Error(`clients still running ${Math.round((limit - t0) / 1000)} s after start`);
  const holdS = (holdEndT - holdStartT) / 1000;
  return {
    peak, allInS, loginCpuS: atIn && beforeLogin ? cpuBetween(beforeLogin, atIn) : undefined, holdRss, idleRss,
    holdCpuPercent: holdStart && holdEnd && holdS > 0 ? (cpuBetween(holdStart, holdEnd) / holdS) * 100 : NaN, processes, exit,
  };
}

function result(o: HeldOptions, v: Observed, ping: { med: number | undefined; p99: number | undefined }, failed: number): HeldResult {
  return {
    sessions: o.sessions, peakSignedIn: v.peak, allInS: v.allInS,
    loginsPerS: v.allInS !== undefined ? o.sessions / v.allInS : undefined,
    loginCpuSPer1000: v.loginCpuS !== undefined ? (v.loginCpuS * 1000) / o.sessions : undefined,
    holdRssBytes: v.holdRss, rssPerSessionBytes: v.holdRss / o.sessions, idleRssBytes: v.idleRss, holdCpuPercent: v.holdCpuPercent,
    processes: v.processes, pingRttMedMs: ping.med, pingRttP99Ms: ping.p99, failed, exitCode: v.exit,
  };
}

/** The harness: finesse-load run, its processes found as the tree under its first process. */
export async function runHeld(o: HeldOptions): Promise<HeldResult> {
  const gen = await startGenerator({
    root: o.root, dir: o.dir, scenario: "held", fleet: o.fleet, agentsPerVu: o.agentsPerVu, vusPerProcess: o.vusPerProcess,
    workers: o.workers, load: { sessions: o.sessions, rampMs: o.rampS * 1000, holdMs: o.holdS * 1000 }, nodeFlags: o.nodeFlags,
    runFlags: o.runFlags, env: o.env,
  });
  try {
    const v = await observe(o, gen.proc.pid, () => treePids(gen.proc.pid), gen.proc.exited);
    const s = readSummary(gen.summaryPath);
    const failed = (s.xmpp_sessions_failed?.count ?? 0) + o.sessions - (s.xmpp_sessions_opened?.count ?? 0);
    return result(o, v, { med: s.xmpp_ping_rtt?.med, p99: s.xmpp_ping_rtt?.["p(99)"] }, Math.max(0, failed));
  } finally {
    await stop(gen.proc);
    writeFileSync(join(o.dir, "held-generator.log"), `${gen.proc.stdout()}\n${gen.proc.stderr()}`);
  }
}

export interface BareLine {
  users: number;
  ready: number;
  failed: number;
  pings: number;
  rttMed: number | null;
  rttP99: number | null;
  /** per burst label: events received, delay percentiles and every delay (ms), receive time of the last */
  phases: Record<string, { events: number; med: number | null; p99: number | null; max: number | null; last: number; ms: number[] }>;
}

/** Starts the bare clients: one process per `perProcess` users, all on one schedule. */
export function startBare(o: HeldOptions, mode: "held" | "events", sessions: number, holdMs: number): Started[] {
  const file = join(o.dir, "bare-users.json");
  writeFileSync(file, JSON.stringify(o.fleet.users.slice(0, sessions)));
  const perProcess = o.vusPerProcess * o.agentsPerVu;
  const batches = Math.ceil(sessions / o.agentsPerVu);
  const start = Date.now() + 1500;
  const procs: Started[] = [];
  for (let from = 0; from < sessions; from += perProcess) {
    procs.push(startNode(["--import", "tsx", "test/bench/bare-client.ts", mode, file, String(from), String(Math.min(sessions, from + perProcess)),
      String(o.agentsPerVu), String(batches), String(start), String(o.rampS * 1000), String(holdMs)], { cwd: o.root }));
  }
  return procs;
}

/** Each bare process's final JSON line. */
export function bareLines(procs: Started[]): BareLine[] {
  return procs.map((p) => {
    const line = p.stdout().trim().split("\n").pop() ?? "";
    try {
      return JSON.parse(line) as BareLine;
    } catch {
      throw new Error(`bare client ${p.pid} printed no result: ${line.slice(0, 200)}\n${p.stderr().slice(-1000)}`);
    }
  });
}

/** The bare reference on the same schedule; ping RTT p99 is the largest of the processes' p99s. */
export async function runBareHeld(o: HeldOptions): Promise<HeldResult> {
  const procs = startBare(o, "held", o.sessions, o.holdS * 1000);
  try {
    const exited = Promise.all(procs.map((p) => p.exited)).then((codes) => codes.find((c) => c !== 0) ?? 0);
    const v = await observe(o, procs[0]!.pid, () => procs.map((p) => p.pid), exited);
    const lines = bareLines(procs);
    const max = (xs: (number | null)[]) => (xs.some((x) => x !== null) ? Math.max(...xs.map((x) => x ?? 0)) : undefined);
    return result(o, v, { med: max(lines.map((l) => l.rttMed)), p99: max(lines.map((l) => l.rttP99)) }, lines.reduce((n, l) => n + l.failed, 0));
  } finally {
    await Promise.all(procs.map((p) => stop(p)));
  }
}
