// One look at the load generator's process tree (this process and its descendants) from /proc:
// CPU share of the machine since the previous look, memory, open files, and TCP sockets per
// destination against the ephemeral port range (proc(5); ip-sysctl.txt ip_local_port_range).
import {
  parseFileLimit, parseMachineCpu, parsePortRange, parseProcStat, parseRssBytes, parseTcpTable, socketInode, TCP_LISTEN,
  type TcpEntry,
} from "./proc-parse.ts";
import type { ProcReader } from "./proc-reader.ts";

export interface TreeSample {
  pids: number[];
  /** percent of the whole machine (all cores) since the previous sample; undefined on the first */
  cpuPercent: number | undefined;
  rssBytes: number;
  /** open files of the process closest to its limit, and that limit */
  fds: number;
  fdLimit: number;
  fdHardLimit: number;
  /** TCP sockets (any owner, any state but LISTEN) to the busiest destination the tree is connected to */
  tcpSockets: number;
  destination: string | undefined;
  portRange: number;
}

/** fds per process resolved to find the destinations (sockets of a load test go to a few servers) */
const LINKS_PER_PROCESS = 512;
const MAX_DESTINATIONS = 64;

export class SamplerError extends Error {
  override name = "SamplerError";
  readonly kind: "unreadable";
  constructor(message: string) {
    super(message);
    this.kind = "unreadable";
  }
}

export class TreeSampler {
  readonly #reader: ProcReader;
  readonly #root: number;
  #prevTicks = new Map<number, number>();
  #prevMachine: number | undefined;
  /** remote addresses the tree has been seen connected to (kept: their TIME_WAIT sockets still hold ports) */
  readonly #destinations = new Set<string>();
  /** the tree's pids as last found by a full scan of /proc */
  #members: number[] = [];
  readonly #rescanEvery: number;
  #looks = 0;
  /** the busiest destination as of the last read of the TCP tables */
  #busiest: { remote: string | undefined; count: number } | undefined;

  /**
   * The full scans (every process's stat for the tree, every socket's link for the destinations)
   * cost hundreds of reads; they run on the first look, every `rescanEvery` looks, and when a
   * member of the tree has gone. Between them only the tree's own files are read (and the TCP
   * tables when the ports run short).
   */
  constructor(reader: ProcReader, rootPid: number, rescanEvery = 10) {
    this.#reader = reader;
    this.#root = rootPid;
    this.#rescanEvery = Math.max(1, rescanEvery);
  }

  async sample(): Promise<TreeSample> {
    const r = this.#reader;
    const machine = parseMachineCpu(r.read("stat") ?? "");
    if (!machine) throw new SamplerError("/proc/stat has no cpu line");
    const full = this.#looks++ % this.#rescanEvery === 0;
    const stats = (!full && this.#known()) || this.#tree();
    const pids = [...stats.keys()];

    // CPU: per-process tick deltas (a process new since the last look counts from 0)
    let cpuPercent: number | undefined;
    if (this.#prevMachine !== undefined) {
      const machineDelta = machine.totalTicks - this.#prevMachine;
      let treeDelta = 0;
      for (const [pid, ticks] of stats) treeDelta += Math.max(0, ticks - (this.#prevTicks.get(pid) ?? 0));
      cpuPercent = machineDelta > 0 ? Math.min(100, (treeDelta / machineDelta) * 100) : 0;
    }
    this.#prevMachine = machine.totalTicks;
    this.#prevTicks = stats;

    let rssBytes = 0;
    let worst = { fds: 0, soft: Infinity, hard: Infinity, ratio: -1 };
    const inodes = new Set<number>();
    for (const pid of pids) {
      rssBytes += parseRssBytes(r.read(`${pid}/status`) ?? "") ?? 0;
      const fds = r.fdCount(pid);
      if (fds === undefined) continue;
      if (full || this.#destinations.size === 0) {
        for (const l of r.fdLinks(pid, LINKS_PER_PROCESS)) {
          const inode = socketInode(l);
          if (inode !== undefined) inodes.add(inode);
        }
      }
      const limit = parseFileLimit(r.read(`${pid}/limits`) ?? "") ?? { soft: Infinity, hard: Infinity };
      const ratio = fds / limit.soft;
      if (ratio > worst.ratio) worst = { fds, soft: limit.soft, hard: limit.hard, ratio };
    }

    const portRange = parsePortRange(r.read("sys/net/ipv4/ip_local_port_range") ?? "") ?? 0;
    // The TCP tables (one line per socket of the machine) are the costly part of a look: read on
    // full looks, and on every look once the busiest destination holds a quarter of the port range.
    const near = this.#busiest !== undefined && portRange > 0 && this.#busiest.count > portRange / 4;
    if (full || near || this.#busiest === undefined || inodes.size > 0) {
      const table = [...parseTcpTable((await r.readLarge(`${this.#root}/net/tcp`)) ?? ""), ...parseTcpTable((await r.readLarge(`${this.#root}/net/tcp6`)) ?? "")];
      for (const e of table) {
        if (this.#destinations.size >= MAX_DESTINATIONS) break;
        if (e.state !== TCP_LISTEN && inodes.has(e.inode)) this.#destinations.add(e.remote);
      }
      this.#busiest = busiestDestination(table, this.#destinations);
    }
    const busiest = this.#busiest;
    return {
      pids, cpuPercent, rssBytes, fds: worst.fds, fdLimit: worst.soft, fdHardLimit: worst.hard,
      tcpSockets: busiest.count, destination: busiest.remote, portRange,
    };
  }

  /** pid → ticks of the members found by the last scan; undefined when one has gone (time to scan). */
  #known(): Map<number, number> | undefined {
    const out = new Map<number, number>();
    for (const pid of this.#members) {
      const s = parseProcStat(this.#reader.read(`${pid}/stat`) ?? "");
      if (!s) return undefined;
      out.set(pid, s.ticks);
    }
    return out.size > 0 ? out : undefined;
  }

  /** pid → ticks for the root and every descendant (parents found from each process's ppid). */
  #tree(): Map<number, number> {
    const r = this.#reader;
    const all = new Map<number, { ppid: number; ticks: number }>();
    for (const pid of r.pids()) {
      const s = parseProcStat(r.read(`${pid}/stat`) ?? "");
      if (s) all.set(pid, { ppid: s.ppid, ticks: s.ticks });
    }
    const root = all.get(this.#root);
    if (!root) throw new SamplerError(`/proc/${this.#root}/stat is unreadable`);
    const children = new Map<number, number[]>();
    for (const [pid, s] of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
    const out = new Map<number, number>();
    const queue = [this.#root];
    while (queue.length > 0 && out.size < all.size) {
      const pid = queue.shift()!;
      if (out.has(pid)) continue;
      out.set(pid, all.get(pid)!.ticks);
      queue.push(...(children.get(pid) ?? []));
    }
    this.#members = [...out.keys()];
    return out;
  }
}

/**
 * Sockets per remote address, for the given destinations. Every socket to such an address counts
 * (TIME_WAIT ones have no owner; other processes' too), since all of them take a port of the one
 * local range for that destination.
 */
export function busiestDestination(table: readonly TcpEntry[], destinations: ReadonlySet<string>): { remote: string | undefined; count: number } {
  const counts = new Map<string, number>();
  for (const e of table) if (e.state !== TCP_LISTEN && destinations.has(e.remote)) counts.set(e.remote, (counts.get(e.remote) ?? 0) + 1);
  let best: { remote: string | undefined; count: number } = { remote: undefined, count: 0 };
  for (const [remote, count] of counts) if (count > best.count) best = { remote, count };
  return best;
}

/** "0100007F:1F90" (little-endian IPv4 hex) → "127.0.0.1:8080"; IPv6 entries are shown as written. */
export function formatTcpAddress(hex: string): string {
  const [addr, port] = hex.split(":");
  if (addr === undefined || port === undefined) return hex;
  const p = parseInt(port, 16);
  if (addr.length !== 8) return `[${addr}]:${p}`;
  const b = [6, 4, 2, 0].map((i) => parseInt(addr.slice(i, i + 2), 16));
  return `${b.join(".")}:${p}`;
}
