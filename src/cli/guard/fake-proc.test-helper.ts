// A fake /proc for the guard's tests: files by path, fd links by pid, all mutable between samples.
import type { ProcReader } from "./proc-reader.ts";

export class FakeProc implements ProcReader {
  files = new Map<string, string>();
  fds = new Map<number, string[]>();

  pids(): number[] {
    return [...this.files.keys()].map((k) => /^(\d+)\/stat$/.exec(k)?.[1]).filter((p): p is string => p !== undefined).map(Number);
  }
  read(path: string): string | undefined {
    return this.files.get(path);
  }
  async readLarge(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }
  fdCount(pid: number): number | undefined {
    return this.fds.get(pid)?.length;
  }
  fdLinks(pid: number, max: number): string[] {
    return (this.fds.get(pid) ?? []).slice(0, max);
  }

  /** /proc/[pid]/stat with the given parent and utime/stime */
  proc(pid: number, ppid: number, utime: number, stime: number, opts: { rssKb?: number; fds?: string[]; soft?: number; hard?: number; comm?: string } = {}): void {
    const fields = ["S", ppid, 0, 0, 0, 0, 0, 0, 0, 0, 0, utime, stime, 0, 0, 20, 0, 1, 0];
    this.files.set(`${pid}/stat`, `${pid} (${opts.comm ?? "node"}) ${fields.join(" ")}\n`);
    this.files.set(`${pid}/status`, `Name:\tnode\nVmRSS:\t  ${opts.rssKb ?? 1000} kB\n`);
    this.files.set(`${pid}/limits`, `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${opts.soft ?? 1024}                 ${opts.hard ?? 4096}                 files\n`);
    this.fds.set(pid, opts.fds ?? ["/dev/null"]);
  }

  /** /proc/stat with the machine's total ticks spread as user + idle over `cores` */
  machine(totalTicks: number, cores = 2): void {
    const lines = [`cpu  ${totalTicks / 2} 0 0 ${totalTicks / 2} 0 0 0 0 0 0`];
    for (let i = 0; i < cores; i++) lines.push(`cpu${i} 0 0 0 0 0 0 0 0 0 0`);
    this.files.set("stat", `${lines.join("\n")}\nintr 0\n`);
  }

  tcp(root: number, rows: Array<{ remote: string; state?: string; inode: number }>): void {
    const head = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    const body = rows.map((r, i) => `   ${i}: 0100007F:${(40000 + i).toString(16).toUpperCase()} ${r.remote} ${r.state ?? "01"} 00000000:00000000 00:00000000 00000000  1000        0 ${r.inode} 1 0000000000000000 20 4 30 10 -1`);
    this.files.set(`${root}/net/tcp`, [head, ...body].join("\n") + "\n");
  }
}
