// Configuration in the init context (k6.md §2.8, §2.9): the JSON file named by FINESSE_CONFIG read with
// open(), FINESSE_SET overrides ("a.b=1,c[0].d=x"), FINESSE_TARGET (a REST URL: targets[0].restUrl) and
// FINESSE_AGENTS_CSV (agents.csv) shortcuts. The agents CSV is parsed once and shared through SharedArray.
import { SharedArray } from "k6/data";
import { loadConfig, parseAgentsCsv, type Agent, type Config, type Population } from "../config/index.ts";
import { env, readFile } from "./env.ts";

export interface RunConfig {
  config: Config;
  population: Population;
}

export interface ConfigSources {
  /** config file text and its path */
  file?: { text: string; path: string } | undefined;
  overrides?: string | undefined;
  target?: string | undefined;
  agentsCsv?: string | undefined;
}

/** Pure part: merges the sources into one validated Config (throws ConfigError listing every problem). */
export function resolveConfig(s: ConfigSources): Config {
  const parts: string[] = [];
  if (s.target !== undefined) parts.push(`targets[0].restUrl=${s.target}`);
  if (s.agentsCsv !== undefined) parts.push(`agents.csv=${s.agentsCsv}`);
  if (s.overrides !== undefined) parts.push(s.overrides);
  const result = loadConfig({ ...(s.file ? { text: s.file.text, source: s.file.path } : { source: "FINESSE_SET/FINESSE_TARGET" }), overrides: parts.join(",") });
  if (!result.ok) throw result.error;
  return result.value;
}

/** A CSV path from the config file is relative to that file; one from the environment is used as given. */
export function csvPath(csv: string, configPath: string | undefined, fromEnv: boolean): string {
  if (fromEnv || configPath === undefined || csv.startsWith("/") || /^[A-Za-z]:[\\/]/.test(csv)) return csv;
  const slash = Math.max(configPath.lastIndexOf("/"), configPath.lastIndexOf("\\"));
  return slash < 0 ? csv : configPath.slice(0, slash + 1) + csv;
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
