// `npm run bench` flags, strictly parsed: every bad flag or value is named.

export const PARTS = ["held", "login", "events", "init", "runtime"] as const;

export interface BenchArgs {
  help: boolean;
  sessions: number;
  perVu: number;
  vusPerProcess: number;
  holdS: number;
  rampS: number;
  loginSessions: number;
  events: number;
  eventSessions: number;
  repeat: number;
  only: Set<string>;
  cpuProf: boolean;
  timeoutS: number;
  simulator: boolean;
}

const INTS: Record<string, { key: keyof BenchArgs; min: number; max: number }> = {
  "--sessions": { key: "sessions", min: 1, max: 20_000 },
  "--per-vu": { key: "perVu", min: 1, max: 5_000 },
  "--vus-per-process": { key: "vusPerProcess", min: 1, max: 10_000 },
  "--hold-s": { key: "holdS", min: 10, max: 600 },
  "--ramp-s": { key: "rampS", min: 0, max: 600 },
  "--login-sessions": { key: "loginSessions", min: 1, max: 20_000 },
  "--events": { key: "events", min: 100, max: 1_000_000 },
  "--event-sessions": { key: "eventSessions", min: 1, max: 2_000 },
  "--repeat": { key: "repeat", min: 1, max: 5 },
  "--timeout-s": { key: "timeoutS", min: 60, max: 7_200 },
};

export function usage(): string {
  return [
    "usage: npm run bench [-- flags]",
    "  --sessions N          held sessions (default 4000; 20000 is the goal: 10 simulators of 2,000 users)",
    "  --per-vu N            agents per VU (default 200)",
    "  --vus-per-process N   VUs per generator process (default 25, so 5,000 sessions a process)",
    "  --hold-s S            seconds every session is held once all are in (default 30)",
    "  --ramp-s S            seconds over which the sessions sign in (default sessions / 200)",
    "  --login-sessions N    logins started at once for the login rate (default 2000)",
    "  --events N            events in the ingestion burst (default 30000)",
    "  --event-sessions N    sessions receiving the events (default 100)",
    "  --repeat K            repeat the side-by-side measurements K times (default 1): median and range",
    `  --only LIST           comma-separated parts: ${PARTS.join(",")} (default all)`,
    "  --cpu-prof            write the generator's CPU profiles to results/bench/prof-<time>/",
    "  --timeout-s S         stop everything after S seconds (default 1800)",
    "  --simulator           also the one-simulator capacity check (2,000 sessions, ~1 min)",
  ].join("\n");
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const a: BenchArgs = {
    help: false, sessions: 4000, perVu: 200, vusPerProcess: 25, holdS: 30, rampS: -1, loginSessions: 2000, events: 30_000,
    eventSessions: 100, repeat: 1, only: new Set(PARTS), cpuProf: false, timeoutS: 1800, simulator: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") a.help = true;
    else if (arg === "--cpu-prof") a.cpuProf = true;
    else if (arg === "--simulator") a.simulator = true;
    else if (arg === "--only") {
      const list = (argv[++i] ?? "").split(",").filter((s) => s !== "");
      const bad = list.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (list.length === 0 || bad.length > 0) throw new Error(`--only: expected some of ${PARTS.join(",")}, got ${JSON.stringify(argv[i] ?? "")}`);
      a.only = new Set(list);
    } else if (INTS[arg]) {
      const spec = INTS[arg];
      const raw = argv[++i];
      const v = Number(raw);
      if (raw === undefined || !Number.isInteger(v) || v < spec.min || v > spec.max) throw new Error(`${arg}: expected a whole number from ${spec.min} to ${spec.max}, got ${JSON.stringify(raw ?? "")}`);
      (a as unknown as Record<string, number>)[spec.key] = v;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}`);
  }
  if (a.rampS < 0) a.rampS = Math.ceil(a.sessions / 200);
  return a;
}
