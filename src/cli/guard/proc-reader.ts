// Access to /proc behind a small port so the sampler's arithmetic is tested with fake files.
import { readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";

export interface ProcReader {
  /** numeric entries of /proc */
  pids(): Promise<number[]>;
  /** a file under /proc ("123/stat", "stat"); undefined when it is gone or unreadable */
  read(path: string): Promise<string | undefined>;
  /** readlink of every /proc/[pid]/fd entry; undefined when the process is gone */
  fdLinks(pid: number): Promise<string[] | undefined>;
}

/** The real /proc. Reads are asynchronous so a large fd table does not stall the event loop being measured. */
export function linuxProc(root = "/proc"): ProcReader {
  return {
    async pids() {
      const names = await readdir(root);
      return names.filter((n) => /^\d+$/.test(n)).map(Number);
    },
    async read(path) {
      try {
        return await readFile(join(root, path), "utf8");
      } catch {
        return undefined;
      }
    },
    async fdLinks(pid) {
      let names: string[];
      try {
        names = await readdir(join(root, String(pid), "fd"));
      } catch {
        return undefined;
      }
      const links: string[] = [];
      // in slices, so a table of thousands of fds does not flood the thread pool
      for (let i = 0; i < names.length; i += 256) {
        const slice = names.slice(i, i + 256);
        const got = await Promise.all(slice.map((n) => readlink(join(root, String(pid), "fd", n)).catch(() => "")));
        links.push(...got);
      }
      return links;
    },
  };
}
