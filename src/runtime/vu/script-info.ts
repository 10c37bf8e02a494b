// What the execution layer needs to know about a script before running it, read from an init-only
// VU with __VU = 0 (k6 docs, using-k6/test-lifecycle: init code runs once to read options).
import type { SampleSink } from "../contracts.ts";
import type { VuLogger } from "./logger.ts";
import type { ScriptBundle } from "./sources.ts";
import { createVu } from "./create.ts";

export interface ScriptInfo {
  /** the exported `options`, as JSON data ({} when absent) */
  options: Record<string, unknown>;
  /** names of the exported functions */
  exports: string[];
  /** whether the script imports functions that block their thread (sleep, synchronous http) */
  blocking: boolean;
  /** which blocking imports were found, as "module:name" */
  blockingImports: string[];
}

export async function readScriptInfo(
  script: string | ScriptBundle,
  config: { env?: Record<string, string>; logger?: VuLogger; sink?: SampleSink } = {},
): Promise<ScriptInfo> {
  const vu = await createVu({
    script,
    id: 0,
    sink: config.sink ?? { add: () => {} },
    ...(config.env ? { env: config.env } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
  });
  const ns = vu.exports;
  const raw = ns.options;
  let options: Record<string, unknown> = {};
  if (raw !== undefined) {
    const json = JSON.stringify(raw);
    const parsed: unknown = json === undefined ? {} : JSON.parse(json);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new TypeError(`the exported "options" of ${vu.bundle.entry} must be an object`);
    }
    options = parsed as Record<string, unknown>;
  }
  const exports = Object.keys(ns).filter((k) => typeof ns[k] === "function");
  const found = [...new Set(vu.bundle.blocking)];
  await vu.close();
  return { options, exports, blocking: found.length > 0, blockingImports: found };
}
