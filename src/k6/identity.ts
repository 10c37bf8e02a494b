// Which agents an iteration drives: agents.offset + iterationInTest · agentsPerVu … (k6 docs,
// javascript-api/k6-execution, examples/data-parameterization: iterationInTest is unique per scenario across
// distributed instances, so two load generators never sign in the same agent).
import exec from "k6/execution";
import type { Agent, Config, Population } from "../config/index.ts";
import { agentsForIndex } from "./agent-range.ts";

/** The agents of the current iteration (VU context only). */
export function agentsForIteration(config: Config, population: Population, perVu = config.behaviour.agentsPerVu): Agent[] {
  return agentsForIndex(population, config.agents.offset, perVu, exec.scenario.iterationInTest);
}
