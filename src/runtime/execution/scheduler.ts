// Runs every scenario of a test in parallel on one shared VU pool (k6 docs, using-k6/scenarios:
// scenarios run in parallel, sequenced with startTime), and emits `vus`/`vus_max` every second
// with only the test-wide tags (k6 execution scheduler).
import type { SampleSink, Tags } from "../contracts.ts";
import { RunClock } from "./clock.ts";
import { runExecutor } from "./executors.ts";
import { VuPool } from "./pool.ts";
import type { VuFactory } from "./ports.ts";
import { SharedCounters } from "./shared-counters.ts";
import { ScenarioRun } from "./scenario-run.ts";
import type { ScenarioConfig } from "./scenario-types.ts";
import { plannedVus } from "./schedule.ts";

export interface SchedulerInput {
  scenarios: readonly ScenarioConfig[];
  factory: VuFactory;
  sink: SampleSink;
  testTags: Tags;
  globalEnv: Record<string, string>;
  /** aborting stops the whole test now: no new iterations, running ones interrupted */
  testStop: AbortSignal;
  warn(message: string): void;
  /** called once the VUs are initialised and the clock starts */
  onStart?(scheduler: Scheduler): void;
  /** counters shared with the VUs' k6/execution (default: fresh ones) */
  counters?: SharedCounters;
}

export class Scheduler {
  readonly counters: SharedCounters;
  readonly runs: ScenarioRun[] = [];
  readonly pool: VuPool;
  readonly planned: number;
  clock: RunClock | undefined;
  readonly #input: SchedulerInput;

  constructor(input: SchedulerInput) {
    this.#input = input;
    this.counters = input.counters ?? new SharedCounters();
    const { planned, possible } = plannedVus(input.scenarios);
    this.planned = planned;
    this.pool = new VuPool(input.factory, possible);
  }

  /** Initialises the planned VUs (before the test clock starts). */
  async init(): Promise<void> {
    await this.pool.init(this.planned, this.#input.testStop);
    this.counters.vusInitialized = this.pool.initialized;
  }

  /** Runs all scenarios to their end; resolves with the test run duration in ms. */
  async run(): Promise<number> {
    const input = this.#input;
    const clock = new RunClock();
    this.clock = clock;
    this.counters.testStartEpochMs = clock.startEpochMs;
    const env = {
      pool: this.pool,
      clock,
      sink: input.sink,
      counters: this.counters,
      testTags: input.testTags,
      globalEnv: input.globalEnv,
      testStop: input.testStop,
      warn: input.warn,
    };
    for (const config of input.scenarios) this.runs.push(new ScenarioRun(config, env));
    input.onStart?.(this);
    this.#emitVus();
    const ticker = setInterval(() => this.#emitVus(), 1000);
    try {
      await Promise.all(
        this.runs.map(async (run) => {
          await clock.until(run.config.startTimeMs, input.testStop);
          if (input.testStop.aborted) {
            run.finished = true;
            return;
          }
          run.begin();
          try {
            await runExecutor(run);
          } finally {
            run.end();
          }
        }),
      );
    } finally {
      clearInterval(ticker);
      this.#emitVus();
    }
    return clock.elapsed();
  }

  #emitVus(): void {
    const time = Date.now();
    this.counters.vusInitialized = this.pool.initialized;
    this.#input.sink.add({ metric: "vus", time, value: this.pool.active, tags: { ...this.#input.testTags } });
    this.#input.sink.add({ metric: "vus_max", time, value: this.pool.initialized, tags: { ...this.#input.testTags } });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
