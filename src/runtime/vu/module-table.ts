// The k6 modules a VU can import, by import name.
import { CORE_MODULES, type CoreModuleFactory } from "../modules/index.ts";

export function moduleTable(): Map<string, CoreModuleFactory> {
  return new Map(Object.entries(CORE_MODULES));
}
