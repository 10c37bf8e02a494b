// The VuHost (and CoreHost) of one VU: tags, sample emission that drops samples of interrupted
// or finished runs (k6 PushIfNotDone), byte counting, keep-alive registration, callback dispatch,
// the blocking sleep and the seeded Math.random.
import type { MetricDeclarations, SampleSink } from "../contracts.ts";
import type { CoreHost, ExecutionState, IterationState, SharedStore, TimerApi } from "../modules/index.ts";
import type { RuntimeOptions, SampleInput, Tags } from "../vu-host.ts";
import type { LogLevel, VuLogger } from "./logger.ts";
import type { EventLoop } from "./loop.ts";

export interface HostParts {
  id: number;
  idInTest: number;
  options: RuntimeOptions;
  realm: typeof globalThis;
  loop: EventLoop;
  sink: SampleSink;
  logger: VuLogger;
  execution: ExecutionState;
  declarations: MetricDeclarations;
  shared: SharedStore;
  timers: TimerApi;
  /** Int32Array over a SharedArrayBuffer: non-zero while the current run is interrupted */
  interruptCell: Int32Array;
}

export class VuHostImpl implements CoreHost {
  readonly id: number;
  readonly idInTest: number;
  readonly options: RuntimeOptions;
  readonly realm: typeof globalThis;
  readonly execution: ExecutionState;
  readonly declarations: MetricDeclarations;
  readonly shared: SharedStore;
  readonly timers: TimerApi;
  phase: "init" | "vu" = "init";
  groupPath = "";
  iteration: IterationState | undefined;
  vuTags: Tags = {};
  vuMetadata: Record<string, string> = {};
  scenario: string | undefined;
  bytesSent = 0;
  bytesReceived = 0;
  readonly #loop: EventLoop;
  readonly #sink: SampleSink;
  readonly #logger: VuLogger;
  readonly #cell: Int32Array;
  readonly #groupTag: boolean;
  #tags: Tags | undefined;
  #tagsOf: Tags | undefined;
  #tagsGroup: string | undefined;

  constructor(parts: HostParts) {
    this.id = parts.id;
    this.idInTest = parts.idInTest;
    this.options = parts.options;
    this.realm = parts.realm;
    this.execution = parts.execution;
    this.declarations = parts.declarations;
    this.shared = parts.shared;
    this.timers = parts.timers;
    this.#loop = parts.loop;
    this.#sink = parts.sink;
    this.#logger = parts.logger;
    this.#cell = parts.interruptCell;
    const systemTags = parts.options.systemTags;
    this.#groupTag = systemTags === undefined || systemTags.includes("group");
  }

  /**
   * The tags of a sample emitted now. The object is shared by every sample until vuTags (replaced,
   * never changed in place) or the group changes: callers must not modify it.
   */
  currentTags(): Tags {
    const group = this.#groupTag ? this.groupPath : undefined;
    if (this.#tags === undefined || this.#tagsOf !== this.vuTags || this.#tagsGroup !== group) {
      const tags: Tags = { ...this.vuTags };
      if (group !== undefined) tags.group = group;
      this.#tags = tags;
      this.#tagsOf = this.vuTags;
      this.#tagsGroup = group;
    }
    return this.#tags;
  }

  emit(sample: SampleInput): void {
    if (!this.#loop.accepting) return;
    this.record(sample);
  }

  /** Records a sample even after interruption (data_sent/data_received at iteration end). */
  record(sample: SampleInput): void {
    const out = { metric: sample.metric, value: sample.value, tags: sample.tags, time: sample.time ?? Date.now() };
    // vuMetadata is replaced on change, never modified in place: samples may share it
    const metadata = sample.metadata ? { ...sample.metadata } : Object.keys(this.vuMetadata).length > 0 ? this.vuMetadata : undefined;
    this.#sink.add(metadata ? { ...out, metadata } : out);
  }

  countBytes(sent: number, received: number): void {
    this.bytesSent += sent;
    this.bytesReceived += received;
  }

  keepAlive(): () => void {
    return this.#loop.register();
  }

  dispatch(fn: () => void): void {
    this.#loop.run(fn);
  }

  get iterationSignal(): AbortSignal {
    return this.#loop.signal;
  }

  log(level: LogLevel, message: string): void {
    const fields: { vu: number; iter?: number; scenario?: string } = { vu: this.id };
    if (this.iteration) fields.iter = this.iteration.iterationInInstance;
    if (this.scenario !== undefined) fields.scenario = this.scenario;
    this.#logger.log(level, message, fields);
  }

  sleep(ms: number): void {
    if (!(ms > 0) || this.#loop.signal.aborted) return;
    // Atomics.wait returns early when another thread stores into the cell and notifies it.
    Atomics.wait(this.#cell, 0, 0, ms);
  }

  interrupt(): void {
    this.#loop.interrupt();
  }

  setRandomSeed(seed: number): void {
    let state = (Math.trunc(Number(seed)) >>> 0) || 0x9e3779b9;
    // mulberry32: a small deterministic generator for the VU's Math.random.
    this.realm.Math.random = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
}
