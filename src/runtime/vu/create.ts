// createVu: a VU in this thread with the script's init code run.
import type { CoreModuleFactory } from "../modules/index.ts";
import { moduleTable } from "./module-table.ts";
import type { VuConfig } from "./runtime.ts";
import { loadBundle } from "./sources.ts";
import { InThreadVu } from "./vu.ts";

/** Creates a VU and runs the script's init code in it. Errors at load are ScriptLoadErrors. */
export async function createVu(config: VuConfig): Promise<InThreadVu> {
  const bundle = typeof config.script === "string" ? loadBundle(config.script) : config.script;
  const vu = new InThreadVu(config, bundle);
  const modules = new Map<string, CoreModuleFactory>(moduleTable());
  for (const [name, factory] of Object.entries(config.modules ?? {})) modules.set(name, factory);
  await vu.init(modules);
  return vu;
}

