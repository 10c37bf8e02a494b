// When a load generator's own numbers stop being trustworthy: sustained CPU, open files or
// ephemeral ports near their limits, or a late event loop. Each kind is raised once per run.
import { formatTcpAddress, type TreeSample } from "./sampler.ts";

export type WarningKind = "cpu" | "fds" | "ports" | "event-loop-lag";

export interface GuardWarning {
  kind: WarningKind;
  message: string;
  firstAt: string;
}

export interface GuardLimits {
  /** CPU percent of the machine above which a sample counts as busy (default 80) */
  cpuPercent: number;
  /** consecutive busy samples that raise the warning (default 5) */
  cpuSamples: number;
  /** share of the soft open-files limit (default 0.8) */
  fdRatio: number;
  /** share of the ephemeral port range used towards one destination (default 0.8) */
  portRatio: number;
  /** event-loop delay p99 in ms (default 100) */
  lagP99Ms: number;
}

export const DEFAULT_LIMITS: GuardLimits = { cpuPercent: 80, cpuSamples: 5, fdRatio: 0.8, portRatio: 0.8, lagP99Ms: 100 };

export type LimitSample = Pick<TreeSample, "cpuPercent" | "fds" | "fdLimit" | "fdHardLimit" | "tcpSockets" | "destination" | "portRange"> & {
  eventLoopLagP99Ms: number | undefined;
};

export class LimitChecker {
  readonly #limits: GuardLimits;
  readonly #raised = new Map<WarningKind, GuardWarning>();
  #busy = 0;

  constructor(limits: GuardLimits = DEFAULT_LIMITS) {
    this.#limits = limits;
  }

  get warnings(): GuardWarning[] {
    return [...this.#raised.values()];
  }

  /** Checks one sample; returns the warnings raised for the first time by it. */
  check(s: LimitSample, at: string): GuardWarning[] {
    const l = this.#limits;
    const fresh: GuardWarning[] = [];
    const raise = (kind: WarningKind, message: string): void => {
      if (this.#raised.has(kind)) return;
      const w = { kind, message, firstAt: at };
      this.#raised.set(kind, w);
      fresh.push(w);
    };
    if (s.cpuPercent !== undefined) {
      this.#busy = s.cpuPercent > l.cpuPercent ? this.#busy + 1 : 0;
      if (this.#busy >= l.cpuSamples) {
        raise("cpu", `load generator CPU above ${l.cpuPercent} % of the machine for ${this.#busy} samples in a row (now ${s.cpuPercent.toFixed(0)} %): latencies may include the generator's own delay`);
      }
    }
    if (Number.isFinite(s.fdLimit) && s.fds > l.fdRatio * s.fdLimit) {
      const hard = Number.isFinite(s.fdHardLimit) ? String(s.fdHardLimit) : "unlimited";
      raise("fds", `open files ${s.fds} of the soft limit ${s.fdLimit} (above ${pct(l.fdRatio)}): raise it (ulimit -n, hard limit ${hard}) or spread the VUs over more processes`);
    }
    if (s.portRange > 0 && s.tcpSockets > l.portRatio * s.portRange) {
      const to = s.destination === undefined ? "one destination" : formatTcpAddress(s.destination);
      raise("ports", `${s.tcpSockets} TCP sockets to ${to} of ${s.portRange} ephemeral ports (above ${pct(l.portRatio)}): widen net.ipv4.ip_local_port_range or spread over more source addresses`);
    }
    if (s.eventLoopLagP99Ms !== undefined && s.eventLoopLagP99Ms > l.lagP99Ms) {
      raise("event-loop-lag", `event-loop delay p99 ${s.eventLoopLagP99Ms.toFixed(0)} ms (above ${l.lagP99Ms} ms): timers and messages in this process run late`);
    }
    return fresh;
  }
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}
