// The real-time drivers of the six executors (k6 docs, using-k6/scenarios/executors/*). Timing
// decisions come from the pure functions in schedule.ts; these only wait and dispatch.
import type { Vu } from "../contracts.ts";
import type { ScenarioRun } from "./scenario-run.ts";
import type { Stage } from "./scenario-types.ts";
import { constantArrivalCount, constantArrivalOffset, rampingArrivalOffsets, rampingVusSteps } from "./schedule.ts";

/** Takes `n` VUs of a looping executor, active until given back. */
async function takeActive(run: ScenarioRun, n: number): Promise<Vu[]> {
  const vus = await take(run, n);
  run.activate(vus.length);
  return vus;
}

function giveBack(run: ScenarioRun, vu: Vu): void {
  run.activate(-1);
  run.env.pool.release(vu);
}

/** Takes `n` VUs from the shared pool, initialising more if needed and allowed. */
async function take(run: ScenarioRun, n: number): Promise<Vu[]> {
  const vus: Vu[] = [];
  while (vus.length < n) {
    const vu = run.env.pool.acquire() ?? (await run.env.pool.grow());
    if (!vu) {
      run.env.warn(`scenario ${run.config.name}: only ${vus.length} of ${n} VUs available`);
      break;
    }
    vus.push(vu);
  }
  return vus;
}

export function runExecutor(run: ScenarioRun): Promise<void> {
  switch (run.config.executor) {
    case "shared-iterations":
      return sharedIterations(run, run.config.vus, run.config.iterations);
    case "per-vu-iterations":
      return perVuIterations(run, run.config.vus, run.config.iterations);
    case "constant-vus":
      return constantVus(run, run.config.vus);
    case "ramping-vus":
      return rampingVus(run, run.config.startVUs, run.config.stages, run.config.gracefulRampDownMs);
    case "constant-arrival-rate": {
      const { rate, timeUnitMs, durationMs } = run.config;
      const count = constantArrivalCount(rate, timeUnitMs, durationMs);
      const offsets = (function* () {
        for (let n = 0; n < count; n++) yield constantArrivalOffset(rate, timeUnitMs, n);
      })();
      return arrivalRate(run, offsets, run.config.preAllocatedVUs, run.config.maxVUs);
    }
    case "ramping-arrival-rate": {
      const c = run.config;
      return arrivalRate(run, rampingArrivalOffsets(c.startRate, c.timeUnitMs, c.stages), c.preAllocatedVUs, c.maxVUs);
    }
  }
}

// shared-iterations: VUs pull from one counter; at maxDuration the un-attempted rest is one dropped sample.
async function sharedIterations(run: ScenarioRun, vuCount: number, iterations: number): Promise<void> {
  const vus = await takeActive(run, vuCount);
  let next = 0;
  await Promise.all(
    vus.map(async (vu) => {
      while (!run.stopStart.signal.aborted && next < iterations) {
        next++;
        await run.iterate(vu);
      }
      giveBack(run, vu);
    }),
  );
  run.drop(iterations - next);
}

// per-vu-iterations: each VU runs its own count; at maxDuration each VU drops its remainder.
async function perVuIterations(run: ScenarioRun, vuCount: number, iterations: number): Promise<void> {
  const vus = await takeActive(run, vuCount);
  await Promise.all(
    vus.map(async (vu) => {
      let done = 0;
      while (!run.stopStart.signal.aborted && done < iterations) {
        done++;
        await run.iterate(vu);
      }
      run.drop(iterations - done);
      giveBack(run, vu);
    }),
  );
}

async function constantVus(run: ScenarioRun, vuCount: number): Promise<void> {
  const vus = await takeActive(run, vuCount);
  await Promise.all(
    vus.map(async (vu) => {
      while (!run.stopStart.signal.aborted) await run.iterate(vu);
      giveBack(run, vu);
    }),
  );
}

interface Slot {
  vu: Vu;
  retired: boolean;
  kill: AbortController;
  killTimer: NodeJS.Timeout | undefined;
  loop: Promise<void>;
}

// ramping-vus: follow rampingVusSteps; a VU removed in a ramp-down finishes its iteration within
// gracefulRampDown, then is interrupted; a VU still finishing is reused first when ramping up again.
async function rampingVus(run: ScenarioRun, startVUs: number, stages: readonly Stage[], gracefulRampDownMs: number): Promise<void> {
  const slots: Slot[] = [];
  const loops: Promise<void>[] = [];
  const live = (): Slot[] => slots.filter((s) => !s.retired);
  const setCount = async (target: number): Promise<void> => {
    while (live().length > target) {
      const slot = live().at(-1)!;
      slot.retired = true;
      slot.killTimer = setTimeout(() => slot.kill.abort(), gracefulRampDownMs);
    }
    while (live().length < target) {
      const revived = slots.filter((s) => s.retired && !s.kill.signal.aborted).at(-1);
      if (revived) {
        revived.retired = false;
        clearTimeout(revived.killTimer);
        continue;
      }
      const [vu] = await takeActive(run, 1);
      if (!vu) return;
      const slot: Slot = { vu, retired: false, kill: new AbortController(), killTimer: undefined, loop: Promise.resolve() };
      slot.loop = (async () => {
        while (!slot.retired && !run.stopStart.signal.aborted) {
          await run.iterate(vu, AbortSignal.any([run.hardStop.signal, slot.kill.signal]));
        }
        clearTimeout(slot.killTimer);
        slots.splice(slots.indexOf(slot), 1);
        giveBack(run, vu);
      })();
      slots.push(slot);
      loops.push(slot.loop);
    }
  };
  const start = run.startedAtMs ?? 0;
  for (const step of rampingVusSteps(startVUs, stages)) {
    await run.env.clock.until(start + step.atMs, run.stopStart.signal);
    if (run.stopStart.signal.aborted) break;
    await setCount(step.vus);
  }
  await run.env.clock.until(start + run.durationMs, run.stopStart.signal);
  run.stopStart.abort();
  for (let i = 0; i < loops.length; i++) await loops[i];
}

// Arrival-rate executors: start an iteration at each offset on a free VU, else drop it and,
// below maxVUs, initialise one more VU in the background (it does not run the dropped iteration).
async function arrivalRate(run: ScenarioRun, offsets: Iterable<number>, preAllocated: number, maxVUs: number): Promise<void> {
  const free = await take(run, preAllocated);
  let owned = free.length;
  let growing = 0;
  let warned = false;
  let ended = false;
  const running = new Set<Promise<void>>();
  const start = run.startedAtMs ?? 0;
  for (const offset of offsets) {
    await run.env.clock.until(start + offset, run.stopStart.signal);
    if (run.stopStart.signal.aborted) break;
    const vu = free.shift();
    if (vu) {
      const p: Promise<void> = run.iterate(vu).then(() => {
        free.push(vu);
        running.delete(p);
      });
      running.add(p);
      continue;
    }
    run.drop(1);
    if (owned + growing < maxVUs) {
      growing++;
      void (async () => {
        const extra = run.env.pool.acquire() ?? (await run.env.pool.grow());
        growing--;
        if (extra) {
          owned++;
          if (ended || run.stopStart.signal.aborted) run.env.pool.release(extra);
          else free.push(extra);
        }
      })();
    } else if (!warned) {
      warned = true;
      run.env.warn(`Insufficient VUs, reached ${owned} active VUs and cannot initialize more`);
    }
  }
  while (running.size > 0) await Promise.all([...running]);
  ended = true;
  for (const vu of free.splice(0)) run.env.pool.release(vu);
}
