// Stepped load for capacity runs (no k6 imports, tested on Node): +stepSessions held sessions every stepMs up
// to maxSessions. Step k is one k6 scenario starting at k · stepMs whose VUs sign in that step's agents and
// hold them until the end of the last step, so the concurrent session count climbs one step at a time.
//
// k6 has no step counter, so the step of a sample is derived from the time it is taken: elapsed =
// now − origin, where origin is the start of step 0 (exec.scenario.startTime of step k minus k · stepMs, read
// once per VU at its iteration start); step = floor(elapsed / stepMs), clamped to the first step below 0.
// From the end of the last step on, sessions are stopping: those samples are tagged `stop`.
import type { Recorder } from "../agent/index.ts";
import { agentAt, populationSize, type Agent, type Population } from "../config/index.ts";

/** The tag value of samples taken after the last step, while sessions sign out. */
export const STOP_STEP = "stop";

export interface Step {
  index: number;
  /** k6 scenario name */
  name: string;
  /** offset of the step's start from the start of step 0 */
  startMs: number;
  /** index (before agents.offset) of the step's first agent */
  first: number;
  /** sessions this step adds */
  added: number;
  /** sessions held once the step's agents are in: the step's tag value */
  sessions: number;
  /** VUs of the step (added / agentsPerVu, rounded up) */
  vus: number;
}

export interface StepPlan {
  steps: Step[];
  stepMs: number;
  /** offset of the end of the last step from the start of step 0 */
  endMs: number;
}

export interface StepShape {
  stepSessions: number;
  maxSessions: number;
  stepMs: number;
  perVu: number;
}

function wholeAtLeast(what: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${what}: expected a whole number ≥ ${min}, got ${v}`);
}

export function planSteps(shape: StepShape, prefix = "step"): StepPlan {
  wholeAtLeast("stepSessions", shape.stepSessions, 1);
  wholeAtLeast("maxSessions", shape.maxSessions, 1);
  wholeAtLeast("stepMs", shape.stepMs, 1);
  wholeAtLeast("agentsPerVu", shape.perVu, 1);
  const count = Math.ceil(shape.maxSessions / shape.stepSessions);
  const width = String(count - 1).length;
  const steps: Step[] = [];
  for (let k = 0; k < count; k++) {
    const first = k * shape.stepSessions;
    const added = Math.min(shape.stepSessions, shape.maxSessions - first);
    steps.push({
      index: k, name: `${prefix}_${String(k).padStart(width, "0")}`, startMs: k * shape.stepMs, first, added,
      sessions: first + added, vus: Math.ceil(added / shape.perVu),
    });
  }
  return { steps, stepMs: shape.stepMs, endMs: count * shape.stepMs };
}

/** The step's tag value (its session count) for a sample taken `elapsedMs` after the start of step 0. */
export function stepTag(plan: StepPlan, elapsedMs: number): string {
  if (elapsedMs >= plan.endMs) return STOP_STEP;
  const k = elapsedMs > 0 ? Math.floor(elapsedMs / plan.stepMs) : 0;
  return String(plan.steps[Math.min(k, plan.steps.length - 1)]!.sessions);
}

/** A recorder that adds the `step` tag of the moment of each sample (metrics without it drop the tag). */
export function tagSteps(record: Recorder, plan: StepPlan, elapsedMs: () => number): Recorder {
  return (metric, value, tags) => record(metric, value, { ...tags, step: stepTag(plan, elapsedMs()) });
}

/** The agents of VU iteration `iteration` of `step`: agents.offset + step.first + iteration · perVu … */
export function stepAgents(population: Population, offset: number, step: Step, perVu: number, iteration: number): Agent[] {
  const first = step.first + iteration * perVu;
  const end = Math.min(step.first + step.added, first + perVu);
  if (first >= end) throw new RangeError(`${step.name}: iteration ${iteration} is beyond the step's ${step.added} sessions`);
  const size = populationSize(population);
  if (offset + end > size) {
    throw new RangeError(`${step.name} needs agent ${offset + end - 1}, outside the population of ${size} (raise the population, lower agents.offset or scenarios.capacity.load.maxSessions)`);
  }
  const out: Agent[] = [];
  for (let i = offset + first; i < offset + end; i++) out.push(agentAt(population, i));
  return out;
}
