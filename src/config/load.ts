// Turns raw input (the JSON config file's text plus command-line overrides) into a validated
// Config, or a ConfigError listing every problem with its path. Precedence: overrides > file >
// schema defaults. Callers read files and env themselves (k6: open() and __ENV).
import * as z from "zod/mini";
import { configSchema, type Config } from "./schema.ts";
import { ConfigError, formatPath, type ConfigProblem } from "./errors.ts";
import { parseAssignments, setPath } from "./overrides.ts";
import { configMessage } from "./messages.ts";

// Our English messages instead of zod/mini's bare "Invalid input"; no JIT (`new Function`), which
// a k6 engine need not allow.
z.config({ localeError: configMessage, jitless: true });

export type Result<T> = { ok: true; value: T } | { ok: false; error: ConfigError };

export interface RawConfig {
  /** the config file's text (JSON) */
  text?: string;
  /** where it came from, for messages */
  source?: string;
  /** "a.b=1,c[0].d=x" assignments applied on top of the file */
  overrides?: string;
}

export function loadConfig(raw: RawConfig): Result<Config> {
  const source = raw.source ?? "config";
  let doc: unknown = {};
  if (raw.text !== undefined) {
    try {
      doc = JSON.parse(raw.text);
    } catch (e) {
      return fail(source, [{ path: "", message: `not valid JSON: ${(e as Error).message}` }]);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      return fail(source, [{ path: "", message: "must be a JSON object" }]);
    }
  }
  if (raw.overrides !== undefined && raw.overrides.trim() !== "") {
    const assignments = parseAssignments(raw.overrides);
    if (!Array.isArray(assignments)) return fail(source, [assignments]);
    for (const a of assignments) setPath(doc as Record<string, unknown>, a.path, a.value);
  }
  const parsed = configSchema.safeParse(doc);
  if (!parsed.success) {
    return fail(source, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  return { ok: true, value: parsed.data };
}

function fail(source: string, problems: ConfigProblem[]): Result<never> {
  return { ok: false, error: new ConfigError(source, problems) };
}
