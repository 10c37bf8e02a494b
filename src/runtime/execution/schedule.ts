// Pure schedule functions of the executors (k6 docs, using-k6/scenarios/executors/*): no clocks,
// no VUs. Offsets are milliseconds from the scenario's start.
import type { ScenarioConfig, Stage } from "./scenario-types.ts";

export interface VuStep {
  atMs: number;
  vus: number;
}

/**
 * ramping-vus: the VU count over time. Within a stage going from a to b VUs over D, with
 * n = |b − a|, the count changes by one at offsets D·k/n after the stage start (k = 1..n);
 * a zero-duration stage jumps to its target.
 */
export function rampingVusSteps(startVUs: number, stages: readonly Stage[]): VuStep[] {
  const steps: VuStep[] = [{ atMs: 0, vus: startVUs }];
  let t0 = 0;
  let current = startVUs;
  for (const stage of stages) {
    const n = Math.abs(stage.target - current);
    const dir = Math.sign(stage.target - current);
    if (stage.durationMs === 0) {
      if (n > 0) steps.push({ atMs: t0, vus: stage.target });
    } else {
      for (let k = 1; k <= n; k++) steps.push({ atMs: t0 + (stage.durationMs * k) / n, vus: current + dir * k });
    }
    current = stage.target;
    t0 += stage.durationMs;
  }
  return steps;
}

/** The VU count a step list prescribes at offset t. */
export function vusAt(steps: readonly VuStep[], t: number): number {
  let vus = 0;
  for (const s of steps) {
    if (s.atMs > t) break;
    vus = s.vus;
  }
  return vus;
}

/** constant-arrival-rate: the offset of the n-th start (0-based): every timeUnit/rate, the first at t=0. */
export function constantArrivalOffset(rate: number, timeUnitMs: number, n: number): number {
  return (n * timeUnitMs) / rate;
}

/** constant-arrival-rate: how many iterations start before `durationMs`. */
export function constantArrivalCount(rate: number, timeUnitMs: number, durationMs: number): number {
  return Math.ceil((durationMs * rate) / timeUnitMs - 1e-9);
}

/**
 * ramping-arrival-rate: offsets of iteration starts. The rate (iterations per timeUnit) is linearly
 * interpolated between stage targets, starting at startRate; the n-th iteration (n = 1, 2, …) starts
 * when the integral of the rate reaches n, so with a constant rate r the first start is at 1/r.
 */
export function* rampingArrivalOffsets(startRate: number, timeUnitMs: number, stages: readonly Stage[]): Generator<number> {
  let t0 = 0;
  let done = 0; // integral of the rate up to t0
  let a = startRate / timeUnitMs; // rate per ms at the stage start
  let n = 1;
  for (const stage of stages) {
    const b = stage.target / timeUnitMs;
    const d = stage.durationMs;
    if (d > 0) {
      const slope = (b - a) / d;
      const area = ((a + b) * d) / 2;
      while (n - done <= area + 1e-9) {
        const x = n - done;
        // Solve a·τ + slope·τ²/2 = x for τ in [0, d]; written to avoid cancellation.
        const root = Math.sqrt(Math.max(0, a * a + 2 * slope * x));
        const tau = a + root === 0 ? 0 : (2 * x) / (a + root);
        const at = t0 + Math.min(tau, d);
        if (at >= t0 + d) break;
        yield roundMicro(at);
        n++;
      }
      done += area;
    }
    t0 += d;
    a = b;
  }
}

function roundMicro(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** When a scenario stops starting iterations (duration, maxDuration or the sum of the stages), from its start. */
export function scenarioDurationMs(s: ScenarioConfig): number {
  switch (s.executor) {
    case "shared-iterations":
    case "per-vu-iterations":
      return s.maxDurationMs;
    case "constant-vus":
    case "constant-arrival-rate":
      return s.durationMs;
    case "ramping-vus":
    case "ramping-arrival-rate":
      return s.stages.reduce((sum, st) => sum + st.durationMs, 0);
  }
}

/** VUs a scenario needs initialised before the test starts, and at most (arrival-rate maxVUs). */
export function scenarioVuNeeds(s: ScenarioConfig): { initial: number; max: number } {
  switch (s.executor) {
    case "shared-iterations":
    case "per-vu-iterations":
    case "constant-vus":
      return { initial: s.vus, max: s.vus };
    case "ramping-vus": {
      const peak = Math.max(s.startVUs, ...s.stages.map((st) => st.target));
      return { initial: peak, max: peak };
    }
    case "constant-arrival-rate":
    case "ramping-arrival-rate":
      return { initial: s.preAllocatedVUs, max: s.maxVUs };
  }
}

/** The time window a scenario may hold VUs: [startTime, startTime + duration + gracefulStop (+ gracefulRampDown)]. */
export function scenarioWindow(s: ScenarioConfig): { fromMs: number; toMs: number } {
  const extra = s.executor === "ramping-vus" ? Math.max(s.gracefulStopMs, s.gracefulRampDownMs) : s.gracefulStopMs;
  return { fromMs: s.startTimeMs, toMs: s.startTimeMs + scenarioDurationMs(s) + extra };
}

/**
 * VUs to initialise for the whole test: the peak over time of the sum of the VUs of the scenarios
 * active at the same time (k6 ExecutionTuple GetMaxPlannedVUs), and the peak including arrival-rate
 * maxVUs (GetMaxPossibleVUs).
 */
export function plannedVus(scenarios: readonly ScenarioConfig[]): { planned: number; possible: number } {
  const peak = (need: (s: ScenarioConfig) => number): number => {
    const events: Array<{ t: number; d: number }> = [];
    for (const s of scenarios) {
      const w = scenarioWindow(s);
      events.push({ t: w.fromMs, d: need(s) }, { t: w.toMs, d: -need(s) });
    }
    // At equal times, releases happen before acquisitions (a scenario ending frees its VUs).
    events.sort((x, y) => x.t - y.t || x.d - y.d);
    let cur = 0;
    let max = 0;
    for (const e of events) {
      cur += e.d;
      max = Math.max(max, cur);
    }
    return max;
  };
  return { planned: peak((s) => scenarioVuNeeds(s).initial), possible: peak((s) => scenarioVuNeeds(s).max) };
}
