// Where VUs live: worker threads of this process (default one per core; one VU per thread for
// scripts with blocking calls, so a blocking call delays only its own VU as in k6), and child
// processes once the VUs need more open files than one process may have.
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";

export interface DistributionPlan {
  /** VUs one process holds at most */
  perProcess: number;
  /** worker threads in this process (0: VUs run in the main thread) */
  threads: number;
  blocking: boolean;
}

export interface Placement {
  /** 0 = this process, n ≥ 1 = the n-th child process */
  process: number;
  /** worker thread index in this process; 0 in a child process */
  thread: number;
}

/** The soft limit of open files of this process (Linux /proc, else `ulimit -n`); undefined if unknown. */
export function openFilesLimit(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    if (m) return m[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(m[1]);
  } catch {
    // not Linux: ask the shell
  }
  const r = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  const n = Number(r.stdout?.trim());
  if (r.status === 0 && Number.isFinite(n) && n > 0) return n;
  if (r.stdout?.trim() === "unlimited") return Number.POSITIVE_INFINITY;
  return undefined;
}

/** Files kept free in each process for the runtime itself (scripts, logs, outputs, IPC). */
export const RESERVED_FILES = 200;

/** VUs per process from the open-files limit and the files (sockets) one VU may hold. */
export function vusPerProcess(limit: number | undefined, filesPerVu: number): number {
  if (limit === undefined) return 1000; // conservative when the limit cannot be read
  if (!Number.isFinite(limit)) return Number.MAX_SAFE_INTEGER;
  return Math.max(1, Math.floor((limit - RESERVED_FILES) / Math.max(1, filesPerVu)));
}

/** Where VU `id` (1-based) runs. */
export function placeVu(id: number, plan: DistributionPlan): Placement {
  const process = Math.floor((id - 1) / plan.perProcess);
  if (process > 0) return { process, thread: 0 };
  const local = id - 1;
  if (plan.threads === 0) return { process: 0, thread: 0 };
  return { process: 0, thread: plan.blocking ? local : local % plan.threads };
}
