// The VU host side of a worker thread or child process: creates VUs through the layer module,
// runs iterations on request, keeps its own metrics engine and ships its snapshot on request;
// raw samples are forwarded in batches only when asked to.
import type { Sample, SampleSink, ScenarioInfo } from "../../contracts.ts";
import type { CreateLayer, LayerVu, LocalMetrics, VuLayer } from "../layer.ts";
import { SharedCounters } from "../shared-counters.ts";
import type { FromHost, HostInit, ToHost } from "./protocol.ts";

export interface Channel {
  post(message: FromHost): void;
  onMessage(handler: (message: ToHost) => void): void;
  close(): void;
}

export class VuHostProcess {
  readonly #channel: Channel;
  readonly #vus = new Map<number, LayerVu>();
  readonly #running = new Map<number, AbortController>();
  readonly #scenarios = new Map<string, ScenarioInfo>();
  readonly #cells = new Map<number, Int32Array>();
  #layer: VuLayer | undefined;
  #metrics: LocalMetrics | undefined;
  #sink: SampleSink | undefined;
  #batch: Sample[] = [];
  #flushTimer: NodeJS.Timeout | undefined;
  #setupData: unknown;
  #counters: SharedCounters | undefined;

  constructor(channel: Channel) {
    this.#channel = channel;
    channel.onMessage((m) => void this.#handle(m));
  }

  async start(init: HostInit): Promise<void> {
    this.#counters = new SharedCounters(init.counters);
    const mod = (await import(init.layerModule)) as { createLayer: CreateLayer };
    this.#layer = await mod.createLayer({ ...init.layer, counters: this.#counters.buffer });
    const metrics = this.#layer.createMetrics();
    this.#metrics = metrics;
    if (init.forwardSamples) {
      this.#sink = { add: (s) => { metrics.add(s); this.#batch.push(s); } };
      this.#flushTimer = setInterval(() => this.#flush(), 200);
    } else {
      this.#sink = metrics;
    }
    this.#channel.post({ t: "ready" });
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    const samples = this.#batch;
    this.#batch = [];
    this.#channel.post({ t: "samples", samples });
  }

  async #handle(m: ToHost): Promise<void> {
    if (m.t === "init") return this.start(m.init);
    if (m.t === "stop") {
      this.#running.get(m.rid)?.abort();
      return;
    }
    if (m.t === "counters") {
      const c = this.#counters;
      if (c) [c.iterationsCompleted, c.iterationsInterrupted, c.vusActive, c.vusInitialized, c.testStartEpochMs] = m.values as [number, number, number, number, number];
      return;
    }
    try {
      const value = await this.#request(m);
      if (m.t !== "run") this.#channel.post({ t: "reply", rid: m.rid, ok: true, value });
    } catch (e) {
      const err = e as Error;
      this.#channel.post({ t: "reply", rid: m.rid, ok: false, error: err?.message ?? String(e), name: err?.name });
    }
  }

  async #request(m: Exclude<ToHost, { t: "init" | "stop" | "counters" }>): Promise<unknown> {
    const layer = this.#layer;
    if (!layer) throw new Error("VU host not initialised");
    switch (m.t) {
      case "create": {
        const cell = m.cell ? new Int32Array(m.cell) : undefined;
        const base = this.#sink!;
        // Once the scheduler has set the VU's interrupt cell, the iteration is interrupted: its
        // late samples are dropped (k6 PushIfNotDone), even before the stop message is read.
        const sink: SampleSink = cell ? { add: (s) => void (Atomics.load(cell, 0) === 1 || base.add(s)) } : base;
        if (cell) this.#cells.set(m.handle, cell);
        const vu = await layer.createVu({
          id: m.id,
          idInTest: m.idInTest,
          sink,
          control: {
            abort: (reason) => this.#channel.post({ t: "control", op: "abort", reason }),
            fail: (reason) => this.#channel.post({ t: "control", op: "fail", reason }),
          },
          setupData: this.#setupData,
          ...(m.cell ? { interruptCell: new Int32Array(m.cell) } : {}),
        });
        this.#vus.set(m.handle, vu);
        return undefined;
      }
      case "run": {
        const ac = new AbortController();
        this.#running.set(m.rid, ac);
        try {
          let scenario: ScenarioInfo | undefined;
          if (typeof m.scenario === "string") scenario = this.#scenarios.get(m.scenario);
          else {
            scenario = m.scenario;
            this.#scenarios.set(scenario.name, scenario);
          }
          if (!scenario) throw new Error(`unknown scenario ${String(m.scenario)}`);
          let outcome = await this.#vu(m.vu).runIteration({ ...m.req, scenario }, ac.signal);
          const cell = this.#cells.get(m.vu);
          if (cell && Atomics.load(cell, 0) === 1 && outcome.status === "completed") outcome = { ...outcome, status: "interrupted" };
          this.#channel.post({ t: "outcome", rid: m.rid, outcome });
        } finally {
          this.#running.delete(m.rid);
        }
        return undefined;
      }
      case "call":
        return this.#vu(m.vu).callLifecycle(m.name, m.args);
      case "setup-data":
        this.#setupData = m.data;
        for (const vu of this.#vus.values()) vu.setSetupData?.(m.data);
        return undefined;
      case "close-vu": {
        const vu = this.#vus.get(m.vu);
        this.#vus.delete(m.vu);
        this.#cells.delete(m.vu);
        await vu?.close();
        return undefined;
      }
      case "snapshot":
        this.#flush();
        return this.#metrics!.snapshot();
      case "shutdown": {
        await Promise.allSettled([...this.#vus.values()].map((vu) => vu.close()));
        this.#vus.clear();
        clearInterval(this.#flushTimer);
        this.#flush();
        setImmediate(() => this.#channel.close());
        return this.#metrics!.snapshot();
      }
    }
  }

  #vu(handle: number): LayerVu {
    const vu = this.#vus.get(handle);
    if (!vu) throw new Error(`no VU with handle ${handle} in this host`);
    return vu;
  }
}
