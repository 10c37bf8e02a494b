// A VuFactory whose VUs live in worker threads and child processes (see plan.ts). VU ids stay
// 1..N as k6 numbers them; each host has its own metrics engine and the main thread drains and
// merges their states (metrics deltas merge exactly: counters add, histograms add bucket-wise).
import type { IterationOutcome, IterationRequest, Sample, Vu } from "../../contracts.ts";
import type { TestControl, VuFactory } from "../ports.ts";
import type { SharedCounters } from "../shared-counters.ts";
import { wait } from "../clock.ts";
import { HostConnection } from "./connection.ts";
import { placeVu, type DistributionPlan } from "./plan.ts";
import type { HostInit } from "./protocol.ts";

export interface DistributedInput {
  init: Omit<HostInit, "counters">;
  plan: DistributionPlan;
  counters: SharedCounters;
  control: TestControl;
  /** raw samples forwarded by the hosts (only when init.forwardSamples) */
  onSamples(samples: Sample[]): void;
  warn(message: string): void;
}

export class DistributedVuFactory implements VuFactory {
  readonly #input: DistributedInput;
  readonly #hosts = new Map<string, HostConnection>();
  readonly #counterTimer: NodeJS.Timeout;
  #nextHandle = 1;
  #setupData: unknown;
  #hasSetupData = false;

  constructor(input: DistributedInput) {
    this.#input = input;
    const c = input.counters;
    this.#counterTimer = setInterval(() => {
      const values = [c.iterationsCompleted, c.iterationsInterrupted, c.vusActive, c.vusInitialized, c.testStartEpochMs];
      for (const h of this.#hosts.values()) h.sendCounters(values);
    }, 200);
    this.#counterTimer.unref();
  }

  /** Number of hosts started so far, by kind. */
  hostCount(): { threads: number; processes: number } {
    let threads = 0;
    let processes = 0;
    for (const h of this.#hosts.values()) h.kind === "thread" ? threads++ : processes++;
    return { threads, processes };
  }

  async #host(process: number, thread: number): Promise<HostConnection> {
    const key = `${process}:${thread}`;
    let host = this.#hosts.get(key);
    if (!host) {
      const kind = process === 0 ? "thread" : "process";
      host = new HostConnection(kind, { ...this.#input.init, counters: this.#input.counters.buffer }, {
        onControl: (op, reason) => (op === "abort" ? this.#input.control.abort(reason) : this.#input.control.fail(reason)),
        onSamples: (s) => this.#input.onSamples(s),
        onExit: (m) => {
          if (!this.#closing) this.#input.warn(m);
        },
      });
      this.#hosts.set(key, host);
      await host.ready;
      if (this.#hasSetupData) await host.request({ t: "setup-data", data: this.#setupData });
    }
    await host.ready;
    return host;
  }

  #closing = false;
  /** states that arrived after their drain gave up waiting */
  readonly #late: unknown[] = [];

  async create(id: number, idInTest: number): Promise<Vu> {
    const place = placeVu(id, this.#input.plan);
    return this.#remoteVu(await this.#host(place.process, place.thread), id, idInTest);
  }

  async createLifecycle(): Promise<Vu> {
    return this.#remoteVu(await this.#host(0, 0), 0, 0);
  }

  async #remoteVu(host: HostConnection, id: number, idInTest: number): Promise<Vu> {
    const handle = this.#nextHandle++;
    const cell = host.kind === "thread" ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    await host.request({ t: "create", handle, id, idInTest, ...(cell ? { cell: cell.buffer as SharedArrayBuffer } : {}) });
    return {
      id,
      idInTest,
      runIteration: (req: IterationRequest, stop: AbortSignal): Promise<IterationOutcome> => host.runIteration(handle, req, stop, cell),
      callLifecycle: (name, args) => host.request({ t: "call", vu: handle, name, args }),
      // A VU blocked in a call cannot answer; closing does not wait for it (the host is shut down later).
      close: async () => {
        if (host.exited) return;
        await Promise.race([host.request({ t: "close-vu", vu: handle }).catch(() => undefined), wait(1000)]);
      },
    };
  }

  async setSetupData(data: unknown): Promise<void> {
    this.#setupData = data;
    this.#hasSetupData = true;
    await Promise.all([...this.#hosts.values()].map((h) => h.request({ t: "setup-data", data })));
  }

  /** The metrics state each host gathered since the last drain (merged by the caller). */
  async drainMetrics(): Promise<unknown[]> {
    const hosts = [...this.#hosts.values()].filter((h) => !h.exited);
    // A host whose thread is blocked (a VU stuck in a blocking call) cannot answer: give up on it
    // after 5 s rather than hang the run; its state is merged at the next drain.
    const TIMEOUT = Symbol("timeout");
    const states = await Promise.all(
      hosts.map((h) => {
        const reply = h.request({ t: "snapshot" }).catch(() => undefined);
        return Promise.race([reply, wait(5000).then(() => TIMEOUT)]).then((s) => {
          if (s === TIMEOUT) void reply.then((late) => late !== undefined && this.#late.push(late));
          return s;
        });
      }),
    );
    return [...this.#late.splice(0), ...states.filter((s): s is NonNullable<typeof s> => s !== undefined && s !== TIMEOUT)];
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#counterTimer);
    await Promise.allSettled([...this.#hosts.values()].map((h) => h.shutdown()));
    await Promise.allSettled([...this.#hosts.values()].map((h) => h.kill()));
    this.#hosts.clear();
  }
}
