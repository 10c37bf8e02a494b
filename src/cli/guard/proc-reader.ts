// Access to /proc behind a small port so the sampler's arithmetic is tested with fake files.
// Small files are read synchronously: a look reads a few hundred of them, and a turn of a busy
// event loop per file would stretch one look over seconds. The TCP tables, which can be megabytes,
// are read asynchronously.
import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export interface ProcReader {
  /** numeric entries of /proc */
  pids(): number[];
  /** a small file under /proc ("123/stat", "stat"); undefined when it is gone or unreadable */
  read(path: string): string | undefined;
  /** a file that may be large ("123/net/tcp") */
  readLarge(path: string): Promise<string | undefined>;
  /** entries of /proc/[pid]/fd; undefined when the process is gone */
  fdCount(pid: number): number | undefined;
  /** readlink of the first `max` entries of /proc/[pid]/fd */
  fdLinks(pid: number, max: number): string[];
}

export function linuxProc(root = "/proc"): ProcReader {
  const fdDir = (pid: number): string[] | undefined => {
    try {
      return readdirSync(join(root, String(pid), "fd"));
    } catch {
      return undefined;
    }
  };
  return {
    pids: () => readdirSync(root).filter((n) => /^\d+$/.test(n)).map(Number),
    read(path) {
      try {
        return readFileSync(join(root, path), "utf8");
      } catch {
        return undefined;
      }
    },
    async readLarge(path) {
      try {
        return await readFile(join(root, path), "utf8");
      } catch {
        return undefined;
      }
    },
    fdCount(pid) {
      // Linux 6.2+: the size of /proc/[pid]/fd is its number of open files (proc(5)), one stat
      // instead of listing thousands of entries; older kernels report 0, then the entries are counted
      try {
        const size = statSync(join(root, String(pid), "fd")).size;
        if (size > 0) return size;
      } catch {
        return undefined;
      }
      return fdDir(pid)?.length;
    },
    fdLinks(pid, max) {
      const out: string[] = [];
      for (const n of (fdDir(pid) ?? []).slice(0, max)) {
        try {
          out.push(readlinkSync(join(root, String(pid), "fd", n)));
        } catch {
          // closed meanwhile
        }
      }
      return out;
    },
  };
}
