// k6 module resolution (k6 docs, using-k6/modules): built-ins `k6` and `k6/*`, and files named in
// full relative to the importing file, browser-like (no index or extension guessing, no
// node_modules). Everything else fails at load with a message naming the import and the file.
import { builtinModules } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ScriptLoadError } from "./errors.ts";

export type Resolved = { kind: "k6"; name: string } | { kind: "file"; path: string };

export function resolveSpecifier(specifier: string, importer: string): Resolved {
  if (specifier === "k6" || specifier.startsWith("k6/")) return { kind: "k6", name: specifier };
  const where = `in ${importer}`;
  if (specifier.startsWith("node:") || builtinModules.includes(specifier)) {
    throw new ScriptLoadError("node-builtin", importer,
      `import "${specifier}" ${where}: Node.js modules are not available to k6 scripts`, specifier);
  }
  if (/^https?:\/\//i.test(specifier)) {
    throw new ScriptLoadError("remote-module", importer,
      `import "${specifier}" ${where}: remote modules are not supported by the embedded runtime; download the file and import it by relative path`, specifier);
  }
  if (specifier.startsWith("file://") || specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/")) {
    const url = new URL(specifier, pathToFileURL(importer));
    return { kind: "file", path: fileURLToPath(url) };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) {
    throw new ScriptLoadError("unsupported-scheme", importer,
      `import "${specifier}" ${where}: k6 accepts only k6 modules, file paths, file:// and https:// URLs`, specifier);
  }
  throw new ScriptLoadError("bare-specifier", importer,
    `import "${specifier}" ${where}: k6 cannot resolve bare module names (npm packages); bundle the package into the script or import a file by relative path (e.g. "./${specifier}.js")`, specifier);
}
