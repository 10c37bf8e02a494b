// Merging the configuration sources (file text, FINESSE_SET overrides, FINESSE_TARGET and
// FINESSE_AGENTS_CSV shortcuts) into one validated Config; no k6 imports, so it is tested on Node.
import { loadConfig, type Config } from "../config/index.ts";

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
