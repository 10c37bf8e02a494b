// A snapshot of a running test for progress displays (k6's progress bars).
import type { Scheduler } from "./scheduler.ts";

export interface ScenarioProgress {
  name: string;
  executor: string;
  /** 0..1 */
  progress: number;
  elapsedMs: number;
  durationMs: number;
  /** VUs of the scenario currently inside an iteration */
  vus: number;
  started: number;
  /** total iterations for the iteration-based executors */
  iterations?: number;
  finished: boolean;
  /** startTime not reached yet */
  waiting: boolean;
}

export interface ProgressState {
  elapsedMs: number;
  vusActive: number;
  vusMax: number;
  completed: number;
  interrupted: number;
  scenarios: ScenarioProgress[];
}

export function progressOf(s: Scheduler): ProgressState {
  return {
    elapsedMs: s.clock?.elapsed() ?? 0,
    vusActive: s.pool.active,
    vusMax: s.pool.initialized,
    completed: s.counters.iterationsCompleted,
    interrupted: s.counters.iterationsInterrupted,
    scenarios: s.runs.map((r) => {
      const c = r.config;
      const iterations = c.executor === "shared-iterations" ? c.iterations : c.executor === "per-vu-iterations" ? c.iterations * c.vus : undefined;
      return {
        name: c.name,
        executor: c.executor,
        progress: r.progress(),
        elapsedMs: Math.min(r.elapsed(), r.durationMs),
        durationMs: r.durationMs,
        vus: r.started - r.completed - r.interrupted,
        started: r.started,
        ...(iterations !== undefined ? { iterations } : {}),
        finished: r.finished,
        waiting: r.startedAtMs === undefined && !r.finished,
      };
    }),
  };
}
