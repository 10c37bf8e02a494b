// Agent i of a run: agents.offset + iteration · agentsPerVu … (no k6 imports, tested on Node).
import { agentAt, populationSize, type Agent, type Population } from "../config/index.ts";

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
