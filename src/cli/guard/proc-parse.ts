// Parsers for the Linux /proc files the guard reads (proc(5)). Pure: text in, numbers out.

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks (proc(5) /proc/[pid]/stat fields 14 and 15) */
  ticks: number;
}

/** /proc/[pid]/stat. The command name (field 2) may hold spaces and parentheses, so fields are counted after its last ")". */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(")");
  const open = text.indexOf("(");
  if (close < 0 || open < 0) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state): field N is rest[N - 3]
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (![pid, ppid, utime, stime].every(Number.isFinite)) return undefined;
  return { pid, ppid, ticks: utime + stime };
}

export interface MachineCpu {
  /** all time of all CPUs in clock ticks: user nice system idle iowait irq softirq steal (proc(5) /proc/stat) */
  totalTicks: number;
  cores: number;
}

export function parseMachineCpu(text: string): MachineCpu | undefined {
  let total: number | undefined;
  let cores = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("cpu ")) {
      // guest and guest_nice are already counted in user and nice
      total = line.trim().split(/\s+/).slice(1, 9).map(Number).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    } else if (/^cpu\d+\s/.test(line)) cores++;
  }
  return total === undefined ? undefined : { totalTicks: total, cores: Math.max(cores, 1) };
}

/** VmRSS of /proc/[pid]/status, in bytes. */
export function parseRssBytes(text: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : undefined;
}

export interface FileLimit {
  soft: number;
  hard: number;
}

/** "Max open files" of /proc/[pid]/limits; "unlimited" is Infinity. */
export function parseFileLimit(text: string): FileLimit | undefined {
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
  if (!m) return undefined;
  const n = (s: string): number => (s === "unlimited" ? Infinity : Number(s));
  const soft = n(m[1]!);
  const hard = n(m[2]!);
  return Number.isNaN(soft) || Number.isNaN(hard) ? undefined : { soft, hard };
}

/** Ports in /proc/sys/net/ipv4/ip_local_port_range ("32768\t60999" → 28232). */
export function parsePortRange(text: string): number | undefined {
  const [lo, hi] = text.trim().split(/\s+/).map(Number);
  if (lo === undefined || hi === undefined || !Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) return undefined;
  return hi - lo + 1;
}

export interface TcpEntry {
  /** remote address as written, e.g. "0100007F:1F90" */
  remote: string;
  /** hex state (proc(5) /proc/net/tcp: 0A = LISTEN, 06 = TIME_WAIT) */
  state: string;
  inode: number;
}

/** /proc/net/tcp or tcp6: one entry per socket, the header line skipped. */
export function parseTcpTable(text: string): TcpEntry[] {
  const out: TcpEntry[] = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !f[0]!.endsWith(":")) continue;
    out.push({ remote: f[2]!, state: f[3]!, inode: Number(f[9]) });
  }
  return out;
}

export const TCP_LISTEN = "0A";

/** "socket:[12345]" (readlink of /proc/[pid]/fd/N) → 12345 */
export function socketInode(link: string): number | undefined {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : undefined;
}
