// Facts about the machine and checkout a run was made on, for run.json.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { arch, cpus, hostname, release, totalmem, type } from "node:os";

export interface HostFacts {
  hostname: string;
  os: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
}

export function hostFacts(): HostFacts {
  const list = cpus();
  return {
    hostname: hostname(),
    os: `${type()} ${release()}`,
    arch: arch(),
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryBytes: totalmem(),
    node: process.version,
  };
}

export interface GitFacts {
  commit: string;
  /** uncommitted changes to tracked files */
  dirty: boolean;
}

/** The checkout's HEAD, or undefined outside a git checkout or without git. */
export function gitFacts(cwd: string): GitFacts | undefined {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd, encoding: "utf8", timeout: 10_000 });
  if (head.status !== 0 || !/^[0-9a-f]{40}$/.test(head.stdout.trim())) return undefined;
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd, encoding: "utf8", timeout: 10_000 });
  return { commit: head.stdout.trim(), dirty: status.status === 0 && status.stdout.trim() !== "" };
}

export async function sha256File(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}
