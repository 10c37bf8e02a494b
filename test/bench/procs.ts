// Child processes of a benchmark: started, tracked and always stopped by PID (also on error, timeout
// and signals), plus RSS and CPU of a process and its descendants read from Linux /proc (proc(5)).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const live = new Set<ChildProcess>();
const CLK_TCK = 100;

/** Stops every child still running (SIGTERM, then SIGKILL after 3 s); safe to call more than once. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((c) => stop(c)));
}

function onSignal(sig: NodeJS.Signals): void {
  for (const c of live) if (c.pid !== undefined) safeKill(c.pid, "SIGKILL");
  process.exit(sig === "SIGINT" ? 130 : 143);
}
process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);
process.once("exit", () => {
  for (const c of live) if (c.pid !== undefined) safeKill(c.pid, "SIGKILL");
});

function safeKill(pid: number, sig: NodeJS.Signals): void {
  try {
    // negative pid: the child's own process group (it was started detached), so its workers go too
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

export interface Started {
  child: ChildProcess;
  pid: number;
  /** everything written to stdout so far */
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code (or signal name) */
  exited: Promise<number | string>;
}

/** Starts `node args…` in its own process group, tracked for stopAll. */
export function startNode(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Started {
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(" ")}`);
  live.add(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => void (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    if (err.length > 1_000_000) err = err.slice(-500_000);
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      live.delete(child);
      resolve(code ?? signal ?? "unknown");
    });
  });
  return { child, pid: child.pid, stdout: () => out, stderr: () => err, exited };
}

/** SIGTERM, then SIGKILL to the whole group if it has not exited within graceMs. */
export async function stop(c: ChildProcess | Started, graceMs = 3000): Promise<void> {
  const child = "child" in c ? c.child : c;
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  safeKill(child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && safeKill(child.pid, "SIGKILL"), graceMs);
  await gone;
  clearTimeout(timer);
  // workers of the group that outlived their parent
  safeKill(child.pid, "SIGKILL");
}

/** Waits until `test(stdout)` holds, the process exits, or timeoutMs passes (an error naming `what`). */
export async function waitForOutput(p: Started, test: (out: string) => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | string | undefined;
  void p.exited.then((code) => (exited = code));
  while (!test(p.stdout())) {
    if (exited !== undefined) throw new Error(`${what} exited with ${exited} before it was ready:\n${p.stderr().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms:\n${p.stderr().slice(-2000)}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Usage {
  /** resident set size summed over the processes, bytes */
  rssBytes: number;
  /** user + system CPU seconds summed over the processes (live ones only) */
  cpuS: number;
  pids: number[];
  /** CPU seconds per process */
  cpuByPid: Map<number, number>;
}

/** CPU seconds spent between two samples by the processes of the later one (a process gone by then is not counted). */
export function cpuBetween(a: Usage, b: Usage): number {
  let s = 0;
  for (const [pid, cpu] of b.cpuByPid) s += cpu - (a.cpuByPid.get(pid) ?? 0);
  return s;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** `root` and all its descendants that are alive now. */
export function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0 && out.length < 10_000) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/** RSS and CPU of these processes (gone ones count 0). */
export function usageOf(pids: readonly number[]): Usage {
  let rss = 0;
  let ticks = 0;
  const alive: number[] = [];
  const cpuByPid = new Map<number, number>();
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const t = Number(f[11]) + Number(f[12]);
      ticks += t;
      cpuByPid.set(pid, t / CLK_TCK);
      alive.push(pid);
    } catch {
      // exited between the listing and the read
    }
  }
  return { rssBytes: rss, cpuS: ticks / CLK_TCK, pids: alive, cpuByPid };
}

/** Usage of a process tree (the process and every descendant). */
export const treeUsage = (root: number): Usage => usageOf(treePids(root));
