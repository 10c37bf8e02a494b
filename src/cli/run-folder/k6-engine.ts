// The k6 engine: `k6 run` as a child process, writing the run folder's summary and metrics
// itself (k6 docs, using-k6/k6-options/reference#summary-export; results-output/real-time/json).
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { CliIo } from "../io.ts";

/** The first executable `name` on PATH, or undefined. */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `k6 version`'s first line, e.g. "k6 v1.5.0 (commit/…, go1.24.1, linux/amd64)". */
export function k6Version(k6: string, env: Readonly<Record<string, string | undefined>>): string {
  const r = spawnSync(k6, ["version"], { encoding: "utf8", timeout: 30_000, env: env as NodeJS.ProcessEnv });
  const line = (r.stdout ?? "").split("\n").find((l) => l.trim() !== "")?.trim();
  return line ?? `unknown (k6 version exited with ${r.status ?? r.signal})`;
}

/** k6 before v1.6.0 has no k6/websockets (k6 v1.6.0 release notes): such a k6 needs the legacy bundle. */
export function k6BeforeWebsockets(version: string): boolean {
  const m = /v(\d+)\.(\d+)\./.exec(version);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major < 1 || (major === 1 && minor < 6);
}

export interface K6RunArgs {
  script: string;
  summaryFile: string;
  metricsFile: string;
  env: Record<string, string>;
  /** further --out values, passed unchanged */
  out: readonly string[];
  /** other `k6 run` flags, already rendered (e.g. ["--vus", "10"]) */
  flags: readonly string[];
}

export function k6Args(a: K6RunArgs): string[] {
  return [
    "run",
    "--summary-export", a.summaryFile,
    "--out", `json=${a.metricsFile}`,
    ...a.out.flatMap((o) => ["--out", o]),
    ...Object.entries(a.env).flatMap(([k, v]) => ["-e", `${k}=${v}`]),
    ...a.flags,
    a.script,
  ];
}

export interface K6Process {
  pid: number | undefined;
  /** passes a signal on (k6 stops gracefully on the first SIGINT and at once on the second) */
  kill(signal: NodeJS.Signals): void;
  /** k6's exit code; 105 when it died of SIGINT/SIGTERM itself */
  exited: Promise<number>;
}

/** Starts k6 with its output going to the CLI streams (inherited on a terminal, so its progress bars show). */
export function startK6(k6: string, args: readonly string[], io: CliIo): K6Process {
  const inherit = io.isStdOutTTY && io.isStdErrTTY;
  const child = spawn(k6, args, { cwd: io.cwd, env: io.env as NodeJS.ProcessEnv, stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => io.stdout(d.toString()));
  child.stderr?.on("data", (d: Buffer) => io.stderr(d.toString()));
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, sig) => resolve(code ?? (sig === "SIGINT" || sig === "SIGTERM" ? 105 : 1)));
  });
  return {
    pid: child.pid,
    kill: (sig) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    },
    exited,
  };
}
