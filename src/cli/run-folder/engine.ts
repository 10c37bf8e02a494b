// Which engine runs a test: k6 from PATH or the embedded runtime, with its version for run.json.
import { embeddedVersion } from "./embedded-engine.ts";
import { RunSetupError } from "./errors.ts";
import { findOnPath, k6Version } from "./k6-engine.ts";
import type { EngineName } from "./record.ts";

export type EngineChoice = "auto" | "k6" | "embedded";

export interface Engine {
  name: EngineName;
  version: string;
  k6?: string;
}

/**
 * auto: k6 when it is on PATH, else the embedded runtime. Outputs the embedded runtime lacks, and
 * embedded-only flags with k6, are refused before anything starts.
 */
export function pickEngine(choice: EngineChoice, out: readonly string[], embeddedOnly: readonly string[], env: Readonly<Record<string, string | undefined>>): Engine {
  const k6 = choice === "embedded" ? undefined : findOnPath("k6", env.PATH);
  if (choice === "k6" && k6 === undefined) throw new RunSetupError("engine", "--engine k6: no k6 executable on PATH (install k6, or use --engine embedded)");
  if (k6 === undefined) {
    const other = out.find((o) => !/^(json(=.*)?|prometheus=.+)$/.test(o));
    if (other !== undefined) throw new RunSetupError("engine", `--out ${other}: the embedded engine has json=FILE and prometheus=HOST:PORT outputs (other k6 outputs need k6 on PATH)`);
    return { name: "embedded", version: embeddedVersion() };
  }
  if (embeddedOnly.length > 0) {
    const why = choice === "k6" ? "--engine k6" : "k6 was found on PATH (--engine auto)";
    throw new RunSetupError("engine", `${embeddedOnly.join(", ")}: only for the embedded engine, and ${why}; add --engine embedded to use it`);
  }
  return { name: "k6", version: k6Version(k6, env), k6 };
}

