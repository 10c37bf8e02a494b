// The running scenario (k6 docs, javascript-api/k6-execution): VU context only, inside an iteration.
import exec from "k6/execution";

export interface ScenarioInfo {
  name: string;
  /** epoch ms at which the scenario started */
  startTime: number;
  /** unique across distributed instances */
  iterationInTest: number;
}

export function currentScenario(): ScenarioInfo {
  const s = exec.scenario;
  return { name: s.name, startTime: s.startTime, iterationInTest: s.iterationInTest };
}
