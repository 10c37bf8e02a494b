// The embedded runtime's k6 modules against k6's declared API (@types/k6): every value a k6 module
// declares is exported by ours, and ours exports nothing k6 does not declare. Differences are listed
// below with the reason; anything else is drift and fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { K6_MODULES } from "../src/runtime/surface.ts";
import { createVu, loadBundle, memoryLogger } from "../src/runtime/vu/index.ts";

// Declared by @types/k6 but not provided by the embedded runtime, each for a stated reason.
const NOT_IMPLEMENTED: Record<string, Record<string, string>> = {
  "k6/http": {
    url: "http.url tagged templates are not implemented",
    SSL_3_0: "TLS version constants: the runtime has no tlsVersion option",
    TLS_1_0: "TLS version constants", TLS_1_1: "TLS version constants", TLS_1_2: "TLS version constants", TLS_1_3: "TLS version constants",
    OCSP_STATUS_GOOD: "OCSP constants: no OCSP stapling info", OCSP_STATUS_REVOKED: "OCSP", OCSP_STATUS_SERVER_FAILED: "OCSP", OCSP_STATUS_UNKNOWN: "OCSP",
    OCSP_REASON_AA_COMPROMISE: "OCSP", OCSP_REASON_AFFILIATION_CHANGED: "OCSP", OCSP_REASON_CA_COMPROMISE: "OCSP",
    OCSP_REASON_CERTIFICATE_HOLD: "OCSP", OCSP_REASON_CESSATION_OF_OPERATION: "OCSP", OCSP_REASON_KEY_COMPROMISE: "OCSP",
    OCSP_REASON_PRIVILEGE_WITHDRAWN: "OCSP", OCSP_REASON_REMOVE_FROM_CRL: "OCSP", OCSP_REASON_SUPERSEDED: "OCSP",
    OCSP_REASON_UNSPECIFIED: "OCSP",
  },
  "k6/crypto": {
    md4: "only the common hashes are implemented", sha512_224: "only the common hashes",
    sha512_256: "only the common hashes", ripemd160: "only the common hashes",
  },
};

// Declared as classes in the typings, but k6 exports no such constructor: values of these types come
// back from other calls.
const TYPE_ONLY: Record<string, Record<string, string>> = {
  "k6/metrics": { Metric: "the typings' abstract base of Counter/Gauge/Rate/Trend; k6 exports no Metric" },
  "k6/http": { FileData: "returned by http.file(); not a k6 export" },
  "k6/crypto": { Hasher: "returned by crypto.createHash(); not a k6 export" },
};

// Exported by the runtime without a declaration in @types/k6, each for a stated reason.
const UNDECLARED: Record<string, Record<string, string>> = {
  "k6/http": { CookieJar: "k6 exports the CookieJar constructor; the typings declare it as a type only" },
};
// k6's native modules all have a default export (the module object); the typings declare it for some.
const DEFAULT_EXPORT = "default";

/** Value exports (not types) that @types/k6 declares for each module. */
function declaredExports(modules: readonly string[]): Map<string, Set<string>> {
  const file = join(import.meta.dirname, "__k6_surface_probe.ts");
  const source = modules.map((m, i) => `import * as m${i} from "${m}";`).join("\n");
  const host = ts.createCompilerHost({});
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest));
  host.fileExists = (name) => name === file || fileExists(name);
  const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ["k6"], noEmit: true, skipLibCheck: true };
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const out = new Map<string, Set<string>>();
  for (const stmt of program.getSourceFile(file)!.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(stmt.moduleSpecifier);
    if (!moduleSymbol) continue;
    const values = new Set<string>();
    for (const s of checker.getExportsOfModule(moduleSymbol)) {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      if (target.flags & ts.SymbolFlags.Value) values.add(s.name);
    }
    out.set(stmt.moduleSpecifier.text, values);
  }
  return out;
}

/** Names each runtime module exports, read from inside a VU. */
async function implementedExports(modules: readonly string[]): Promise<Map<string, Set<string>>> {
  const dir = mkdtempSync(join(tmpdir(), "k6-surface-"));
  try {
    const path = join(dir, "surface.js");
    const imports = modules.map((m, i) => `import * as m${i} from "${m}";`).join("\n");
    const table = modules.map((m, i) => `${JSON.stringify(m)}: Object.keys(m${i})`).join(",\n  ");
    writeFileSync(path, `${imports}\nexport const names = {\n  ${table}\n};\nexport default function () {}\n`);
    const vu = await createVu({ script: loadBundle(path), id: 1, sink: { add() {} }, logger: memoryLogger() });
    try {
      const names = vu.exports.names as Record<string, string[]>;
      return new Map(Object.entries(names).map(([m, list]) => [m, new Set(list)]));
    } finally {
      await vu.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("every k6 module the runtime implements matches the values @types/k6 declares", async () => {
  const declared = declaredExports(K6_MODULES);
  // k6/experimental/websockets is the same module as k6/websockets (the typings have no entry).
  declared.set("k6/experimental/websockets", declared.get("k6/websockets")!);
  const implemented = await implementedExports(K6_MODULES);
  const drift: string[] = [];
  for (const module of K6_MODULES) {
    const want = declared.get(module);
    const have = implemented.get(module);
    assert.ok(want && want.size > 0, `@types/k6 declares ${module}`);
    assert.ok(have, `the runtime implements ${module}`);
    for (const name of want) {
      if (!have.has(name) && !NOT_IMPLEMENTED[module]?.[name] && !TYPE_ONLY[module]?.[name]) drift.push(`${module}: missing ${name}`);
    }
    for (const name of have) {
      if (!want.has(name) && name !== DEFAULT_EXPORT && !UNDECLARED[module]?.[name]) drift.push(`${module}: exports undeclared ${name}`);
    }
    for (const name of Object.keys(NOT_IMPLEMENTED[module] ?? {})) {
      if (have.has(name)) drift.push(`${module}: ${name} is implemented now; remove it from NOT_IMPLEMENTED`);
    }
  }
  assert.deepEqual(drift, []);
});
