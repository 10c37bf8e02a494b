// Fails a long run at start rather than hours in: the agents a scenario will sign in must all exist.
import { populationSize, type Population } from "../config/index.ts";

/** Throws when agents offset … offset + needed − 1 are not all in the population; `what` names the load key. */
export function requireAgents(population: Population, offset: number, needed: number, what: string): void {
  const size = populationSize(population);
  if (offset + needed > size) {
    throw new RangeError(`${what} needs ${needed} agents from agents.offset ${offset}, but the population has ${size} (add agents, lower agents.offset or ${what})`);
  }
}
