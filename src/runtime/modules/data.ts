// Module `k6/data` (k6 docs, javascript-api/k6-data/sharedarray): new SharedArray(name, fn) in the
// init context only. The generator runs once per process (per name); the JSON-like result is
// deep-frozen and the same read-only array is handed to every VU of the process.
import type { CoreHost } from "./core-host.ts";
import { realmError } from "./realm-values.ts";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function dataModule(host: CoreHost): Record<string, unknown> {
  function SharedArray(this: unknown, name: unknown, generator: unknown): unknown {
    if (!new.target) throw realmError(host, "SharedArray must be called with new", "TypeError");
    if (host.phase !== "init") throw realmError(host, "new SharedArray must be called in the init context");
    if (typeof name !== "string" || name === "") throw realmError(host, "empty name provided to SharedArray's constructor");
    if (typeof generator !== "function") throw realmError(host, "a function is expected as the second argument of SharedArray's constructor", "TypeError");
    const key = `SharedArray:${name}`;
    if (host.shared.has(key)) return host.shared.get(key);
    const produced: unknown = (generator as () => unknown)();
    if (!Array.isArray(produced)) throw realmError(host, "only arrays can be made into SharedArray", "TypeError");
    const json = JSON.stringify(produced);
    const shared = deepFreeze(JSON.parse(json) as unknown[]);
    host.shared.set(key, shared);
    return shared;
  }
  return { SharedArray };
}
