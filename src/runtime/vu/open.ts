// open(path, mode) (k6 docs, javascript-api/init-context/open): init context only; "b" returns an
// ArrayBuffer, anything else a string; the path is relative to the script's directory.
import { realmArrayBuffer } from "../modules/index.ts";
import type { VuHostImpl } from "./host.ts";
import type { ScriptBundle } from "./sources.ts";

export function installOpen(bundle: ScriptBundle, realm: typeof globalThis, host: VuHostImpl, path: unknown, mode: unknown): unknown {
  if (host.phase !== "init") {
    throw new realm.Error(`The "open()" function is only available in the init stage (i.e. the global scope), see https://grafana.com/docs/k6/latest/using-k6/test-lifecycle for more information`);
  }
  if (typeof path !== "string" || path.length === 0) throw new realm.TypeError("open() requires a file path");
  const binary = mode === "b";
  if (mode !== undefined && mode !== "b" && mode !== "") {
    throw new realm.TypeError(`open(): unknown mode "${String(mode)}"; use "b" for binary or omit it for text`);
  }
  let data: string | Uint8Array;
  try {
    data = bundle.open(path, binary);
  } catch (err) {
    throw new realm.Error((err as Error).message);
  }
  return typeof data === "string" ? data : realmArrayBuffer(host, data);
}
