// One scenario's run state: its two deadlines (k6 docs, scenarios/concepts/graceful-stop: at the
// end of duration no new iterations start; at duration + gracefulStop running ones are
// interrupted), iteration numbering, dropped iterations and progress.
import { setMaxListeners } from "node:events";
import type { IterationOutcome, SampleSink, ScenarioInfo, Tags, Vu } from "../contracts.ts";
import type { RunClock } from "./clock.ts";
import type { VuPool } from "./pool.ts";
import type { RunCounters } from "./ports.ts";
import type { ScenarioConfig } from "./scenario-types.ts";
import { scenarioDurationMs } from "./schedule.ts";

export interface ScenarioEnvironment {
  pool: VuPool;
  clock: RunClock;
  sink: SampleSink;
  counters: RunCounters;
  /** test-wide tags (options.tags and --tag) */
  testTags: Tags;
  /** -e variables and the system environment */
  globalEnv: Record<string, string>;
  /** aborted when the whole test must stop now (SIGINT, test.abort, abortOnFail thresholds) */
  testStop: AbortSignal;
  warn(message: string): void;
}

export class ScenarioRun {
  readonly config: ScenarioConfig;
  readonly env: ScenarioEnvironment;
  readonly info: ScenarioInfo;
  readonly durationMs: number;
  /** aborted at the end of the duration: start no new iterations */
  readonly stopStart = new AbortController();
  /** aborted when gracefulStop expires: interrupt running iterations */
  readonly hardStop = new AbortController();
  started = 0;
  completed = 0;
  interrupted = 0;
  dropped = 0;
  /** wall-clock offset (RunClock) at which the scenario started; undefined before */
  startedAtMs: number | undefined;
  finished = false;
  #timers: NodeJS.Timeout[] = [];
  #nextIteration = 0;

  constructor(config: ScenarioConfig, env: ScenarioEnvironment) {
    // Every running iteration listens on these signals: thousands of VUs are expected.
    setMaxListeners(0, this.stopStart.signal, this.hardStop.signal);
    this.config = config;
    this.env = env;
    this.durationMs = scenarioDurationMs(config);
    const tags: Tags = { ...env.testTags, ...config.tags, scenario: config.name };
    this.info = {
      name: config.name,
      executor: config.executor,
      exec: config.exec,
      startTime: 0,
      env: { ...env.globalEnv, ...config.env },
      tags,
    };
  }

  /** Arms the deadlines; called when the scenario's startTime is reached. */
  begin(): void {
    this.startedAtMs = this.env.clock.elapsed();
    this.info.startTime = this.env.clock.startEpochMs + this.startedAtMs;
    const stopBoth = (): void => {
      this.stopStart.abort();
      this.hardStop.abort();
    };
    if (this.env.testStop.aborted) stopBoth();
    else this.env.testStop.addEventListener("abort", stopBoth, { once: true });
    this.#timers.push(
      setTimeout(() => this.stopStart.abort(), this.durationMs),
      setTimeout(() => this.hardStop.abort(), this.durationMs + this.config.gracefulStopMs),
    );
  }

  /** Clears the deadlines once every iteration ended. */
  end(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
    this.finished = true;
  }

  /** Milliseconds since the scenario started. */
  elapsed(): number {
    return this.startedAtMs === undefined ? 0 : this.env.clock.elapsed() - this.startedAtMs;
  }

  /** Runs one iteration on `vu`; `stop` interrupts it (defaults to the gracefulStop deadline). */
  async iterate(vu: Vu, stop: AbortSignal = this.hardStop.signal): Promise<IterationOutcome> {
    const n = this.#nextIteration++;
    this.started++;
    // k6: arrival-rate VUs count as active only inside an iteration; looping executors' VUs
    // are active for the whole scenario (see executors.ts take/give).
    const arrival = this.config.executor.endsWith("arrival-rate");
    if (arrival) this.#active(+1);
    try {
      const outcome = await vu.runIteration(
        // Single instance: iterationInTest = iterationInScenario (execution segments would stripe it).
        { scenario: this.info, iterationInScenario: n, iterationInTest: n, progress: this.progress() },
        stop,
      );
      if (outcome.status === "completed") {
        this.completed++;
        this.env.counters.iterationsCompleted++;
      } else {
        this.interrupted++;
        this.env.counters.iterationsInterrupted++;
      }
      return outcome;
    } catch (e) {
      // A VU that fails outside the script (e.g. a crashed worker) interrupts the iteration.
      this.interrupted++;
      this.env.counters.iterationsInterrupted++;
      this.env.warn(`VU ${vu.id}: iteration failed: ${(e as Error).message}`);
      return { status: "interrupted", durationMs: 0, error: (e as Error).message };
    } finally {
      if (arrival) this.#active(-1);
    }
  }

  #active(delta: number): void {
    this.env.pool.active += delta;
    this.env.counters.vusActive = this.env.pool.active;
  }

  /** A looping executor's VU joins (+1) or leaves (−1) the scenario. */
  activate(delta: number): void {
    this.#active(delta);
  }

  /** Records `count` dropped iterations (k6 docs, scenarios/concepts/dropped-iterations). */
  drop(count: number): void {
    if (count <= 0) return;
    this.dropped += count;
    this.env.sink.add({ metric: "dropped_iterations", time: Date.now(), value: count, tags: { ...this.info.tags } });
  }

  /** 0..1 (k6/execution scenario.progress). */
  progress(): number {
    const c = this.config;
    if (this.finished) return 1;
    if (c.executor === "shared-iterations") return Math.min(1, (this.completed + this.interrupted) / c.iterations);
    if (c.executor === "per-vu-iterations") return Math.min(1, (this.completed + this.interrupted) / (c.iterations * c.vus));
    return this.durationMs === 0 ? 1 : Math.min(1, this.elapsed() / this.durationMs);
  }
}
