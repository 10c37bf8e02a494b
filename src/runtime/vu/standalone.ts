// Execution state for VUs used without a scheduler (reading options, tests): counters stay at 0,
// abort/fail are recorded on the returned object.
import type { ExecutionState, InstanceCounters } from "../modules/index.ts";

export interface StandaloneExecution extends ExecutionState {
  readonly aborted: string | undefined;
  readonly failed: string | undefined;
  readonly live: InstanceCounters;
}

export function standaloneExecution(options: Record<string, unknown> = {}): StandaloneExecution {
  const started = Date.now();
  const live: InstanceCounters = { iterationsCompleted: 0, iterationsInterrupted: 0, vusActive: 0, vusInitialized: 0 };
  const state = {
    aborted: undefined as string | undefined,
    failed: undefined as string | undefined,
    live,
    counters: () => ({ ...live }),
    testRunDurationMs: () => Date.now() - started,
    options: () => options,
    abort(reason: string) {
      state.aborted = reason;
    },
    fail(reason: string) {
      state.failed = reason;
    },
  };
  return state;
}
