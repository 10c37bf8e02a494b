// The Finesse configuration a run uses, checked before anything starts and recorded in run.json
// with secrets masked. The bundle reads the same sources through __ENV: FINESSE_CONFIG (a JSON
// file), FINESSE_TARGET (targets[0].restUrl), FINESSE_SET overrides, FINESSE_AGENTS_CSV.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadConfig, maskSecrets } from "../../config/index.ts";
import { RunSetupError } from "./errors.ts";

export interface RunEnv {
  /** -e values plus those made from --config and --target, as the script's __ENV gets them */
  env: Record<string, string>;
  /** the validated config with secrets masked; undefined when the run names none */
  config: Record<string, unknown> | undefined;
  configFile: string | undefined;
}

export interface RunEnvInput {
  env: Record<string, string>;
  config?: string | undefined;
  target?: string | undefined;
  /** the process environment (k6 adds it to __ENV) */
  processEnv: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** a scenario needs a config; a plain script only when it names one */
  required: boolean;
}

const SOURCES = ["FINESSE_CONFIG", "FINESSE_TARGET", "FINESSE_SET", "FINESSE_AGENTS_CSV"] as const;

export async function resolveRunEnv(i: RunEnvInput): Promise<RunEnv> {
  const env = { ...i.env };
  const given = i.config ?? env.FINESSE_CONFIG ?? i.processEnv.FINESSE_CONFIG;
  if (i.config !== undefined) env.FINESSE_CONFIG = resolve(i.cwd, i.config);
  else if (env.FINESSE_CONFIG !== undefined) env.FINESSE_CONFIG = resolve(i.cwd, env.FINESSE_CONFIG);
  if (i.target !== undefined) env.FINESSE_TARGET = i.target;
  const seen = (k: (typeof SOURCES)[number]): string | undefined => {
    const v = env[k] ?? i.processEnv[k];
    return v === undefined || v === "" ? undefined : v;
  };
  if (!SOURCES.some((k) => seen(k) !== undefined)) {
    if (i.required) throw new RunSetupError("config", "no Finesse configuration: give --config FILE and/or --target URL (or -e FINESSE_CONFIG=FILE)");
    return { env, config: undefined, configFile: undefined };
  }
  const file = seen("FINESSE_CONFIG");
  const flag = i.config !== undefined ? "--config" : "FINESSE_CONFIG";
  let text: string | undefined;
  if (file !== undefined) {
    try {
      text = await readFile(resolve(i.cwd, file), "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new RunSetupError("config", `${flag} ${given ?? file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : (e as Error).message}`);
    }
  }
  const parts = [seen("FINESSE_TARGET") && `targets[0].restUrl=${seen("FINESSE_TARGET")}`, seen("FINESSE_AGENTS_CSV") && `agents.csv=${seen("FINESSE_AGENTS_CSV")}`, seen("FINESSE_SET")].filter(Boolean);
  const loaded = loadConfig({ ...(text !== undefined ? { text } : {}), source: file ?? "--target/FINESSE_SET", overrides: parts.join(",") });
  if (!loaded.ok) throw new RunSetupError("config", loaded.error.message);
  return { env, config: maskSecrets(loaded.value) as unknown as Record<string, unknown>, configFile: file === undefined ? undefined : resolve(i.cwd, file) };
}
