// Loads a script's module graph into a VU realm: files become vm.SourceTextModules (compiled with
// the process-wide V8 code cache), `k6` and `k6/*` become vm.SyntheticModules built from the module
// factories for this VU (each factory called once per VU, on first import).
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import { K6_MODULES } from "../surface.ts";
import { ScriptLoadError } from "./errors.ts";
import { resolveSpecifier } from "./resolve.ts";
import type { ScriptBundle } from "./sources.ts";

export type ModuleTable = ReadonlyMap<string, () => Record<string, unknown>>;

/** k6 modules that k6 removed or renamed, with the hint k6 gives. */
const REMOVED: Record<string, string> = {
  "k6/experimental/timers": "k6/experimental/timers has been removed; use the global timers or k6/timers",
  "k6/experimental/tracing": "k6/experimental/tracing has been removed",
  "k6/experimental/browser": "k6/experimental/browser has been removed; use k6/browser",
};

export async function linkScript(bundle: ScriptBundle, context: vm.Context, modules: ModuleTable): Promise<vm.SourceTextModule> {
  if (typeof vm.SourceTextModule !== "function") {
    throw new ScriptLoadError("vm-modules-disabled", bundle.entry,
      "the embedded k6 runtime evaluates scripts as vm modules: start Node with --experimental-vm-modules");
  }
  const realm = vm.runInContext("globalThis", context) as typeof globalThis;
  const files = new Map<string, vm.SourceTextModule>();
  const k6 = new Map<string, vm.SyntheticModule>();

  const fileModule = (path: string, importer?: string, specifier?: string): vm.SourceTextModule => {
    const known = files.get(path);
    if (known) return known;
    const file = bundle.file(path, importer, specifier);
    const url = pathToFileURL(path).href;
    let mod: vm.SourceTextModule;
    try {
      mod = new vm.SourceTextModule(file.source, {
        context,
        identifier: url,
        ...(file.cachedData ? { cachedData: file.cachedData } : {}),
        initializeImportMeta(meta) {
          meta.url = url;
          (meta as { resolve?: unknown }).resolve = (spec: unknown) => new URL(String(spec), url).href;
        },
        importModuleDynamically: (() => {
          throw new realm.Error(`dynamic import() is not supported in k6 (${path})`);
        }) as never,
      });
    } catch (err) {
      throw new ScriptLoadError("syntax", path, `${path}: ${(err as Error).message}`);
    }
    // createCachedData exists on SourceTextModule since Node 13.7 but is missing from @types/node 20.
    if (!file.cachedData) file.cachedData = (mod as unknown as { createCachedData(): Buffer }).createCachedData();
    files.set(path, mod);
    return mod;
  };

  const k6Module = (name: string, importer: string): vm.SyntheticModule => {
    const known = k6.get(name);
    if (known) return known;
    const factory = modules.get(name);
    if (!factory) throw unknownK6Module(name, importer);
    const exports = factory();
    const names = Object.keys(exports);
    const withDefault = names.includes("default") ? names : [...names, "default"];
    const mod = new vm.SyntheticModule(withDefault, function (this: vm.SyntheticModule) {
      for (const key of names) this.setExport(key, exports[key]);
      if (!names.includes("default")) {
        const ns = new realm.Object() as Record<string, unknown>;
        for (const key of names) ns[key] = exports[key];
        this.setExport("default", ns);
      }
    }, { context, identifier: name });
    k6.set(name, mod);
    return mod;
  };

  const entry = fileModule(bundle.entry);
  await entry.link((specifier, referencing) => {
    const importer = fileURLToPath(referencing.identifier);
    const target = resolveSpecifier(specifier, importer);
    return target.kind === "k6" ? k6Module(target.name, importer) : fileModule(target.path, importer, specifier);
  });
  return entry;
}

function unknownK6Module(name: string, importer: string): ScriptLoadError {
  const where = `import "${name}" in ${importer}`;
  const removed = REMOVED[name];
  if (removed) return new ScriptLoadError("unknown-k6-module", importer, `${where}: ${removed}`, name);
  if (K6_MODULES.includes(name)) {
    return new ScriptLoadError("unimplemented-k6-module", importer, `${where}: this k6 module is not available in the embedded runtime yet`, name);
  }
  const ext = name.startsWith("k6/x/") ? " (k6 extensions need a custom k6 binary and are not supported here)" : "";
  return new ScriptLoadError("unknown-k6-module", importer,
    `${where}: unknown k6 module${ext}; the embedded runtime implements ${K6_MODULES.join(", ")}`, name);
}
