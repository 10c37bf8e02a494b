// Configuration in the init context (k6 docs, using-k6/environment-variables, javascript-api/init-context/open,
// using-k6/test-lifecycle): the JSON file named by FINESSE_CONFIG read with
// open(), FINESSE_SET overrides ("a.b=1,c[0].d=x"), FINESSE_TARGET (a REST URL: targets[0].restUrl) and
// FINESSE_AGENTS_CSV (agents.csv) shortcuts. The agents CSV is parsed once and shared through SharedArray.
import { SharedArray } from "k6/data";
import { parseAgentsCsv, type Agent, type Config, type Population } from "../config/index.ts";
import { env, readFile } from "./env.ts";
import { csvPath, resolveConfig } from "./sources.ts";

export interface RunConfig {
  config: Config;
  population: Population;
}

/** Call in the init context. */
export function loadRunConfig(): RunConfig {
  const path = env("FINESSE_CONFIG");
  const agentsCsv = env("FINESSE_AGENTS_CSV");
  const config = resolveConfig({
    file: path === undefined ? undefined : { text: readFile(path), path },
    overrides: env("FINESSE_SET"),
    target: env("FINESSE_TARGET"),
    agentsCsv,
  });
  if (config.agents.generated) return { config, population: { kind: "generated", spec: config.agents.generated } };
  const csv = csvPath(config.agents.csv!, path, agentsCsv !== undefined);
  const agents = new SharedArray("finesse-agents", () => parseAgentsCsv(readFile(csv), csv)) as unknown as readonly Agent[];
  return { config, population: { kind: "list", agents } };
}
