// Whether a script imports functions that block their thread: k6's `sleep` and the synchronous
// k6/http request functions (k6 docs, javascript-api/k6/sleep, javascript-api/k6-http). The
// execution layer gives such scripts one VU per thread. Default and namespace imports of those
// modules count as blocking because any member may be called.

const BLOCKING: Record<string, ReadonlySet<string>> = {
  k6: new Set(["sleep"]),
  "k6/http": new Set(["get", "post", "put", "patch", "del", "head", "options", "request", "batch"]),
};

const IMPORT_RE = /(?:^|[;\s])(?:import|export)\s*([\w$*{}\s,]*?)\s*from\s*["'](k6(?:\/[\w/-]+)?)["']/g;

/** The blocking k6 functions a module source imports, as "module:name" (or "module:*"). */
export function blockingImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const clause = m[1]!;
    const module = m[2]!;
    const names = BLOCKING[module];
    if (!names) continue;
    const brace = clause.indexOf("{");
    const head = (brace < 0 ? clause : clause.slice(0, brace)).replace(/,/g, " ").trim();
    if (head.length > 0) found.push(`${module}:*`);
    if (brace >= 0) {
      const inner = clause.slice(brace + 1, clause.indexOf("}", brace));
      for (const part of inner.split(",")) {
        const imported = part.trim().split(/\s+as\s+/)[0]!.trim();
        if (names.has(imported)) found.push(`${module}:${imported}`);
      }
    }
  }
  return found;
}
