// `npm run bench`: the load generator measured side by side with a bare `ws` client doing the same work, on
// loopback against simulator processes (each on its own 127.0.0.x address), bounded in count and time; every
// process it starts is stopped by PID, also on error, timeout and Ctrl-C. Prints a table and writes
// results/bench/<UTC time>.json.
//   npm run bench                          defaults: 4,000 held sessions over 2 simulators (~10 min)
//   npm run bench -- --sessions 20000      20,000 held sessions over 10 simulators of 2,000 users
// Flags: --sessions N, --per-vu N (agents per VU, 200), --vus-per-process N (25: 5,000 sessions a process),
// --hold-s S (30), --ramp-s S (sessions / 200), --login-sessions N (2,000), --events N (30,000),
// --event-sessions N (100), --repeat K (1), --only held,login,events,init,runtime, --cpu-prof (generator
// CPU profiles into results/bench/prof-<time>/), --timeout-s S (1,800), --simulator (also the one-simulator
// capacity check).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseBenchArgs, usage, type BenchArgs } from "./args.ts";
import { runEventsBare, runEventsHarness, type EventsResult } from "./events.ts";
import { runBareHeld, runHeld, type HeldResult } from "./held.ts";
import { runInit, runRuntimeBenches, runSimulatorCheck, type InitResult } from "./init.ts";
import { stopAll } from "./procs.ts";
import { startFleet, type SimFleet } from "./sims.ts";
import { judge, table, type Row } from "./table.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const USERS_PER_SIM = 2000;

const say = (s: string) => process.stdout.write(`${s}\n`);

async function withFleet<T>(dir: string, count: number, usersEach: number, f: (fleet: SimFleet) => Promise<T>): Promise<T> {
  const fleet = await startFleet({ root: ROOT, dir, count, usersEach });
  try {
    return await f(fleet);
  } finally {
    await fleet.stop();
  }
}

interface Collected {
  held: { harness: HeldResult; bare: HeldResult }[];
  login: { harness: HeldResult; bare: HeldResult }[];
  events: { harness: EventsResult; bare: EventsResult }[];
  init?: InitResult;
  runtime?: unknown;
  simulator?: unknown;
  errors: string[];
}

async function collect(a: BenchArgs, dir: string, profDir: string | undefined): Promise<Collected> {
  const c: Collected = { held: [], login: [], events: [], errors: [] };
  const nodeFlags = profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
  const step = async (name: string, f: () => Promise<void>) => {
    const t0 = Date.now();
    say(`\n== ${name}`);
    try {
      await f();
    } catch (e) {
      const msg = `${name}: ${e instanceof Error ? e.message : String(e)}`;
      c.errors.push(msg);
      say(`FAILED ${msg.slice(0, 2000)}`);
    }
    say(`   (${((Date.now() - t0) / 1000).toFixed(0)} s, load average ${loadavg()[0]!.toFixed(1)})`);
  };
  if (a.only.has("init")) await step("bundles and VU init", async () => void (c.init = await runInit(ROOT, dir)));
  for (let r = 1; r <= a.repeat; r++) {
    const tag = a.repeat > 1 ? ` (${r}/${a.repeat})` : "";
    if (a.only.has("held")) {
      const sims = Math.ceil(a.sessions / USERS_PER_SIM);
      await step(`held sessions: ${a.sessions} over ${sims} simulators${tag}`, () => withFleet(dir, sims, USERS_PER_SIM, async (fleet) => {
        const o = { root: ROOT, dir, fleet, sessions: a.sessions, agentsPerVu: a.perVu, vusPerProcess: a.vusPerProcess, workers: 0, rampS: a.rampS, holdS: a.holdS, nodeFlags };
        const harness = await runHeld(o);
        say(`   harness ${JSON.stringify(harness)}`);
        const bare = await runBareHeld(o);
        say(`   bare    ${JSON.stringify(bare)}`);
        c.held.push({ harness, bare });
      }));
    }
    if (a.only.has("login")) {
      const sims = Math.ceil(a.loginSessions / USERS_PER_SIM);
      await step(`login rate: ${a.loginSessions} at once${tag}`, () => withFleet(dir, sims, USERS_PER_SIM, async (fleet) => {
        const o = { root: ROOT, dir, fleet, sessions: a.loginSessions, agentsPerVu: a.perVu, vusPerProcess: a.vusPerProcess, workers: 0, rampS: 0, holdS: 5, nodeFlags };
        const harness = await runHeld(o);
        say(`   harness ${JSON.stringify(harness)}`);
        const bare = await runBareHeld(o);
        say(`   bare    ${JSON.stringify(bare)}`);
        c.login.push({ harness, bare });
      }));
    }
    if (a.only.has("events")) {
      await step(`event ingestion: ${a.events} events over ${a.eventSessions} sessions${tag}`, () => withFleet(dir, 1, Math.max(a.eventSessions, 10), async (fleet) => {
        const o = { root: ROOT, dir, fleet, sessions: a.eventSessions, events: a.events, idleEvents: 1000, idlePerSecond: 200, nodeFlags };
        const harness = await runEventsHarness(o);
        say(`   harness ${JSON.stringify(harness)}`);
        const bare = await runEventsBare(o);
        say(`   bare    ${JSON.stringify(bare)}`);
        c.events.push({ harness, bare });
      }));
    }
  }
  if (a.only.has("runtime")) await step("runtime micro-benchmarks", async () => void (c.runtime = await runRuntimeBenches(ROOT)));
  if (a.simulator) await step("one simulator process", async () => void (c.simulator = await runSimulatorCheck(ROOT)));
  return c;
}

function rows(a: BenchArgs, c: Collected): Row[] {
  const kb = (x: number | undefined) => (x === undefined ? undefined : x / 1024);
  const out: Row[] = [];
  if (c.held.length > 0) {
    out.push(
      { figure: `sessions held (of ${a.sessions})`, unit: "sessions", harness: c.held.map((h) => h.harness.peakSignedIn), bare: c.held.map((h) => h.bare.peakSignedIn), higherIsBetter: true, target: { op: ">=", value: 20_000 } },
      { figure: "generator RSS per held session, all its processes", unit: "KB", harness: c.held.map((h) => kb(h.harness.rssPerSessionBytes || undefined)), bare: c.held.map((h) => kb(h.bare.rssPerSessionBytes || undefined)), higherIsBetter: false, target: { op: "<=", value: 50 }, ratioTarget: 1.5 },
      { figure: "generator CPU while holding (10 s pings)", unit: "% of a core", harness: c.held.map((h) => h.harness.holdCpuPercent), bare: c.held.map((h) => h.bare.holdCpuPercent), higherIsBetter: false, ratioTarget: 1.5 },
      { figure: "ping RTT p99 over the run", unit: "ms", harness: c.held.map((h) => h.harness.pingRttP99Ms), bare: c.held.map((h) => h.bare.pingRttP99Ms), higherIsBetter: false, ratioTarget: 1.5 },
    );
  }
  if (c.login.length > 0) {
    out.push(
      { figure: `logins per second (${a.loginSessions} at once, to signed in)`, unit: "logins/s", harness: c.login.map((l) => l.harness.loginsPerS), bare: c.login.map((l) => l.bare.loginsPerS), higherIsBetter: true, target: { op: ">=", value: 1000 }, ratioTarget: 1.5 },
      { figure: "generator CPU per 1,000 logins", unit: "CPU-s", harness: c.login.map((l) => l.harness.loginCpuSPer1000), bare: c.login.map((l) => l.bare.loginCpuSPer1000), higherIsBetter: false, ratioTarget: 1.5 },
      { figure: "logins per CPU-second (1,000 / the above)", unit: "logins/CPU-s", harness: c.login.map((l) => l.harness.loginCpuSPer1000 && 1000 / l.harness.loginCpuSPer1000), bare: c.login.map((l) => l.bare.loginCpuSPer1000 && 1000 / l.bare.loginCpuSPer1000), higherIsBetter: true, target: { op: ">=", value: 1000 } },
    );
  }
  if (c.events.length > 0) {
    out.push(
      { figure: `events ingested per second (burst of ${a.events})`, unit: "events/s", harness: c.events.map((e) => e.harness.load.perSecond), bare: c.events.map((e) => e.bare.load.perSecond), higherIsBetter: true, target: { op: ">=", value: 50_000 }, ratioTarget: 1.5 },
      { figure: "events per CPU-second (1e6 / CPU µs per event)", unit: "events/CPU-s", harness: c.events.map((e) => 1e6 / e.harness.load.cpuUsPerEvent), bare: c.events.map((e) => 1e6 / e.bare.load.cpuUsPerEvent), higherIsBetter: true, target: { op: ">=", value: 50_000 } },
      { figure: "event delay p99, idle (200 events/s; send stamp to parsed)", unit: "ms", harness: c.events.map((e) => e.harness.idle.delayP99Ms), bare: c.events.map((e) => e.bare.idle.delayP99Ms), higherIsBetter: false, target: { op: "<=", value: 1 } },
      { figure: "event delay median, idle", unit: "ms", harness: c.events.map((e) => e.harness.idle.delayMedMs), bare: c.events.map((e) => e.bare.idle.delayMedMs), higherIsBetter: false },
      { figure: "event delay p99 under the burst", unit: "ms", harness: c.events.map((e) => e.harness.load.delayP99Ms), bare: c.events.map((e) => e.bare.load.delayP99Ms), higherIsBetter: false },
    );
  }
  return out;
}

async function main(): Promise<number> {
  let a: BenchArgs;
  try {
    a = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)} (try --help)\n`);
    return 2;
  }
  if (a.help) {
    say(usage());
    return 0;
  }
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const outDir = join(ROOT, "results", "bench");
  mkdirSync(outDir, { recursive: true });
  const profDir = a.cpuProf ? join(outDir, `prof-${stamp}`) : undefined;
  const dir = mkdtempSync(join(tmpdir(), "finesse-bench-"));
  const host = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgAtStart: loadavg() };
  say(`bench: ${host.cpus} cores, load average ${host.loadavgAtStart.map((x) => x.toFixed(1)).join(" ")}; work files in ${dir}`);
  const killer = setTimeout(() => {
    say(`bench: over the ${a.timeoutS} s limit; stopping every process it started`);
    void stopAll().finally(() => process.exit(1));
  }, a.timeoutS * 1000);
  let c: Collected;
  try {
    c = await collect(a, dir, profDir);
  } finally {
    clearTimeout(killer);
    await stopAll();
  }
  const r = rows(a, c);
  const md = table(r);
  say(`\n${md}\n`);
  if (c.init) {
    say("| bundle | bytes | minified |\n| --- | --- | --- |");
    for (const b of c.init.bundles) say(`| ${b.name} | ${b.bytes.toLocaleString("en-US")} | ${b.minifiedBytes.toLocaleString("en-US")} |`);
    say(`\nVU init (${c.init.vuInit.scriptBytes.toLocaleString("en-US")} B capacity bundle, ${c.init.vuInit.vus} VUs): first ${c.init.vuInit.firstVuMs} ms, then ${c.init.vuInit.perVuInitMs} ms and ${c.init.vuInit.heapPerVuMB} MB heap per VU`);
  }
  const file = join(outDir, `${stamp}.json`);
  writeFileSync(file, JSON.stringify({
    startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), host: { ...host, loadavgAtEnd: loadavg() }, args: { ...a, only: [...a.only] },
    verdicts: r.map(judge), table: md, ...c,
  }, null, 2));
  say(`written: ${file}${profDir ? `\nCPU profiles: ${profDir}` : ""}`);
  rmSync(dir, { recursive: true, force: true });
  return c.errors.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  void stopAll().finally(() => process.exit(1));
});
