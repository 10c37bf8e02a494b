// The generator guard: samples the load generator's process tree every intervalMs while a run
// goes, warns once per kind and records everything for run.json's "generator" field.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { DEFAULT_LIMITS, LimitChecker, type GuardLimits, type GuardWarning } from "./limits.ts";
import { linuxProc, type ProcReader } from "./proc-reader.ts";
import { TreeSampler } from "./sampler.ts";

export interface GeneratorSample {
  t: string;
  cpuPercent: number;
  rssBytes: number;
  fds: number;
  fdLimit: number;
  tcpSockets: number;
  portRange: number;
  eventLoopLagP99Ms: number;
}

/** run.json "generator" */
export interface GeneratorRecord {
  intervalMs: number;
  samples: GeneratorSample[];
  warnings: GuardWarning[];
  /** no warning was raised and the guard could sample (false when unavailable) */
  trusted: boolean;
  /** why there are no samples (not Linux, /proc unreadable, switched off) */
  unavailable?: string;
}

/** The event-loop delay of this process between two samples (perf_hooks.monitorEventLoopDelay). */
export interface LagMonitor {
  start(): void;
  /** p99 in ms since the last call, then reset; undefined without data */
  takeP99Ms(): number | undefined;
  stop(): void;
}

export function eventLoopLag(resolutionMs = 10): LagMonitor {
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  return {
    start: () => h.enable(),
    takeP99Ms() {
      const v = h.count > 0 ? h.percentile(99) / 1e6 : undefined;
      h.reset();
      return v;
    },
    stop: () => h.disable(),
  };
}

export interface GuardOptions {
  intervalMs?: number;
  limits?: Partial<GuardLimits>;
  /** where warnings go as they are raised (stderr) */
  warn?: (message: string) => void;
  /** called after each sample, e.g. to checkpoint run.json */
  onSample?: (record: GeneratorRecord) => void;
  reader?: ProcReader;
  pid?: number;
  /** looks between full scans of /proc (default 10) */
  rescanEvery?: number;
  platform?: NodeJS.Platform;
  lag?: LagMonitor;
  now?: () => Date;
}

export class GeneratorGuard {
  readonly intervalMs: number;
  readonly #o: GuardOptions;
  readonly #checker: LimitChecker;
  readonly #sampler: TreeSampler | undefined;
  readonly #lag: LagMonitor;
  readonly #samples: GeneratorSample[] = [];
  #unavailable: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(o: GuardOptions = {}) {
    this.#o = o;
    this.intervalMs = o.intervalMs ?? 1000;
    this.#checker = new LimitChecker({ ...DEFAULT_LIMITS, ...o.limits });
    this.#lag = o.lag ?? eventLoopLag();
    if ((o.platform ?? process.platform) !== "linux") this.#unavailable = `the generator guard reads /proc and runs on Linux only (this is ${o.platform ?? process.platform})`;
    else this.#sampler = new TreeSampler(o.reader ?? linuxProc(), o.pid ?? process.pid, o.rescanEvery);
  }

  /** Takes the CPU baseline and starts the timer (unref'd: it never keeps the process alive). */
  async start(): Promise<void> {
    if (!this.#sampler || this.#timer) return;
    try {
      await this.#sampler.sample();
    } catch (e) {
      this.#unavailable = `the generator guard cannot read /proc: ${(e as Error).message}`;
      return;
    }
    this.#lag.start();
    this.#timer = setInterval(() => {
      if (this.#inFlight) return; // the previous look is still reading
      this.#inFlight = this.tick().finally(() => (this.#inFlight = undefined));
    }, this.intervalMs);
    this.#timer.unref();
  }

  /** One sample now (the timer calls this; tests call it directly). */
  async tick(): Promise<void> {
    if (!this.#sampler) return;
    let s;
    try {
      s = await this.#sampler.sample();
    } catch {
      return; // a process of the tree vanished mid-read: the next look will do
    }
    const lag = this.#lag.takeP99Ms();
    const t = (this.#o.now?.() ?? new Date()).toISOString();
    const sample: GeneratorSample = {
      t,
      cpuPercent: round(s.cpuPercent ?? 0),
      rssBytes: s.rssBytes,
      fds: s.fds,
      fdLimit: Number.isFinite(s.fdLimit) ? s.fdLimit : 0,
      tcpSockets: s.tcpSockets,
      portRange: s.portRange,
      eventLoopLagP99Ms: round(lag ?? 0),
    };
    this.#samples.push(sample);
    for (const w of this.#checker.check({ ...s, eventLoopLagP99Ms: lag }, t)) this.#o.warn?.(`generator guard: ${w.message}\n`);
    this.#o.onSample?.(this.record());
  }

  record(): GeneratorRecord {
    const warnings = this.#checker.warnings;
    const r: GeneratorRecord = {
      intervalMs: this.intervalMs,
      samples: [...this.#samples],
      warnings,
      trusted: this.#unavailable === undefined && warnings.length === 0,
    };
    if (this.#unavailable !== undefined) r.unavailable = this.#unavailable;
    return r;
  }

  /** Stops the timer and takes a last sample, so even a short run has one. */
  async stop(): Promise<GeneratorRecord> {
    const running = this.#timer !== undefined;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#inFlight;
    if (running) await this.tick();
    this.#lag.stop();
    return this.record();
  }
}

/** A record for a run without the guard (switched off). */
export function guardOff(intervalMs: number, reason: string): GeneratorRecord {
  return { intervalMs, samples: [], warnings: [], trusted: false, unavailable: reason };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
