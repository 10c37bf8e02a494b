// Which agents an iteration drives: agents.offset + iterationInTest · agentsPerVu … (k6.md §7: iterationInTest
// is unique per scenario across distributed instances, so two load generators never sign in the same agent).
import exec from "k6/execution";
import { agentAt, populationSize, type Agent, type Config, type Population } from "../config/index.ts";

export function agentsForIndex(population: Population, offset: number, perVu: number, iteration: number): Agent[] {
  const first = offset + iteration * perVu;
  const size = populationSize(population);
  if (first >= size) {
    throw new RangeError(`iteration ${iteration} needs agent ${first}, outside the population of ${size} (raise the population, lower agents.offset or the iterations)`);
  }
  const out: Agent[] = [];
  for (let i = first; i < Math.min(size, first + perVu); i++) out.push(agentAt(population, i));
  return out;
}

/** The agents of the current iteration (VU context only). */
export function agentsForIteration(config: Config, population: Population, perVu = config.behaviour.agentsPerVu): Agent[] {
  return agentsForIndex(population, config.agents.offset, perVu, exec.scenario.iterationInTest);
}
