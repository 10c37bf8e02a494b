// Bundles each scenarios/*.ts into results/bundles/<name>.js: a genuine k6 script (ES module,
// imports only k6 and k6/*), which both `k6 run` and the embedded runtime execute.
// Usage: node --import tsx build.mjs [--out DIR] [--k6-before-1.6] [--with-scram] [--sizes]   (npm run build)
import { build } from "esbuild";
import { mkdir, readdir, writeFile, rename } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join, basename } from "node:path";
import { K6_MODULES } from "./src/runtime/surface.ts";

const ROOT = dirname(fileURLToPath(import.meta.url));

// k6 compiles scripts with target ESNext and does not down-level (k6 docs,
// using-k6/javascript-typescript-compatibility-mode; k6 internal/js/compiler/enhanced.go): the output must
// contain only syntax its engine (Sobek) parses. ES2022 keeps classes, private fields, `??` and
// optional chaining as written; async generators and for-await are lowered because Sobek lacks them.
const K6_TARGET = "es2022";
const K6_UNSUPPORTED = { "async-generator": false, "for-await": false, "dynamic-import": false };

// Every k6 VU evaluates the whole bundle in its own JS runtime, so bytes cost memory and start-up time per VU.
// Sizes are measured minified. The target is 64 KiB per scenario; zod/mini, the protocol layer, the agent
// and config add up to more (`npm run build -- --sizes` shows what each bundle is made of), so the build
// warns above the target and fails above the budget, which stops further growth.
export const TARGET_MINIFIED_BYTES = 64 * 1024;
export const BUDGET_MINIFIED_BYTES = 112 * 1024;

// ltx's entry module re-exports its parsers and element helpers, and some of them assign to prototypes at
// load time, so esbuild keeps them all; src/xml uses only ltx's escaping. Marking ltx's modules free of side
// effects (what package.json "sideEffects": false declares, esbuild docs: "sideEffects" / onResolve) lets
// the build leave out every ltx module a bundle does not use.
const IN_LTX = /[\\/]node_modules[\\/]ltx[\\/]/;
const ltxSideEffectFree = {
  name: "ltx-side-effect-free",
  setup(b) {
    b.onResolve({ filter: /^(ltx|\.\.?\/.*)$/ }, async (args) => {
      if (args.pluginData === ltxSideEffectFree || (args.path !== "ltx" && !IN_LTX.test(args.importer))) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: ltxSideEffectFree });
      if (r.errors.length > 0) return { errors: r.errors };
      return { path: r.path, namespace: r.namespace, external: r.external, sideEffects: false };
    });
  },
};

function options(entryPoints, overrides) {
  return {
    entryPoints,
    bundle: true,
    format: "esm", // k6 runs ES modules natively
    platform: "browser", // k6 is browser-like: no node:* built-ins
    target: K6_TARGET,
    supported: K6_UNSUPPORTED,
    external: ["k6", "k6/*"], // provided by k6, or by src/runtime
    alias: { events: join(ROOT, "src/xml/events.ts") }, // ltx's parser modules import Node's `events`
    plugins: [ltxSideEffectFree],
    conditions: ["k6", "browser", "import"],
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
    ...overrides,
  };
}

/**
 * Builds the given entry points (default: every scenario) and checks imports and size. Each report row has
 * the bundle's path, its size, its size minified and `parts`: minified bytes per package or src/ folder, largest first.
 * `budgetBytes` (default BUDGET_MINIFIED_BYTES) is the minified size above which the build fails.
 * `legacyWebsockets` imports k6/experimental/websockets instead of k6/websockets, for k6 before v1.6.0
 * (k6 v1.6.0 release notes: same API, stable path added in v1.6.0).
 * `withScram` builds SASL SCRAM-SHA-1/-256 (RFC 5802, RFC 7677) into the bundles (~10 KB more), for targets
 * whose `mechanisms` name them; without it the bundles authenticate with PLAIN (RFC 4616) only.
 * @param {{ outDir?: string, entryPoints?: string[], budgetBytes?: number, legacyWebsockets?: boolean, withScram?: boolean }} [args]
 */
export async function buildScenarios({ outDir = join(ROOT, "results/bundles"), entryPoints, budgetBytes = BUDGET_MINIFIED_BYTES, legacyWebsockets = false, withScram = false } = {}) {
  const entries = entryPoints ?? (await scenarioEntries());
  if (entries.length === 0) return [];
  await mkdir(outDir, { recursive: true });
  const alias = {
    ...(legacyWebsockets ? { alias: { ...options([]).alias, "k6/websockets": "k6/experimental/websockets" } } : {}),
    // read by src/k6/run.ts; a constant, so the SCRAM code is left out of bundles that do not use it
    define: { "globalThis.FINESSE_WITH_SCRAM": withScram ? "true" : "false" },
  };
  const readable = await build(options(entries, { outdir: outDir, sourcemap: "linked", write: true, ...alias }));
  const minified = await build(options(entries, { outdir: outDir, minify: true, write: false, ...alias }));
  await writeAtomic(join(outDir, "meta.json"), JSON.stringify(readable.metafile));

  const minifiedSize = new Map(
    minified.outputFiles.filter((f) => f.path.endsWith(".js")).map((f) => [basename(f.path), f.contents.byteLength]),
  );
  const minifiedParts = new Map(
    Object.entries(minified.metafile.outputs).filter(([f]) => f.endsWith(".js")).map(([f, out]) => [basename(f), partsOf(out.inputs)]),
  );
  const report = [];
  const problems = [];
  for (const [file, out] of Object.entries(readable.metafile.outputs)) {
    if (!file.endsWith(".js")) continue;
    const name = basename(file);
    const min = minifiedSize.get(name) ?? 0;
    report.push({ bundle: join(outDir, name), bytes: out.bytes, minifiedBytes: min, overTarget: min > TARGET_MINIFIED_BYTES, parts: minifiedParts.get(name) ?? [] });
    if (min > budgetBytes) problems.push(`${name}: ${min} B minified, over the ${budgetBytes} B budget`);
    for (const imp of out.imports) {
      if (!imp.external) continue;
      if (!K6_MODULES.includes(imp.path)) problems.push(`${name}: imports "${imp.path}", which is not a k6 module the runtime implements`);
    }
  }
  if (problems.length > 0) throw new Error(`build failed:\n  ${problems.join("\n  ")}`);
  return report;
}

// What a bundle's minified bytes come from: an npm package, a src/ folder, or the entry file itself.
function partsOf(inputs) {
  const parts = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    const folder = /(?:^|\/)(src\/[^/]+)\//.exec(path);
    const part = pkg ? pkg[1] : folder ? folder[1] : basename(path);
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  return [...parts].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
}

async function scenarioEntries() {
  const dir = join(ROOT, "scenarios");
  const names = await readdir(dir);
  return names.filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts")).sort().map((f) => join(dir, f));
}

async function writeAtomic(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

function parseArgs(argv) {
  const args = { outDir: undefined, legacyWebsockets: false, withScram: false, sizes: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out" && argv[i + 1]) args.outDir = argv[++i];
    else if (a === "--k6-before-1.6") args.legacyWebsockets = true;
    else if (a === "--with-scram") args.withScram = true;
    else if (a === "--sizes") args.sizes = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: node --import tsx build.mjs [--out DIR] [--k6-before-1.6] [--with-scram] [--sizes]\n  --k6-before-1.6  import k6/experimental/websockets (k6 < v1.6.0 has no k6/websockets)\n  --with-scram     build SASL SCRAM-SHA-1/-256 in (~10 KB), for targets whose mechanisms name them\n  --sizes          also print what each bundle's minified bytes come from (package or src/ folder)");
      process.exit(0);
    } else throw new Error(`build.mjs: unknown argument "${a}" (try --help)`);
  }
  return args;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { outDir, legacyWebsockets, withScram, sizes } = parseArgs(process.argv.slice(2));
    const report = await buildScenarios({ ...(outDir ? { outDir } : {}), legacyWebsockets, withScram });
    if (report.length === 0) console.log("build: no scenarios in scenarios/");
    for (const r of report) {
      const note = r.overTarget ? `, over the ${TARGET_MINIFIED_BYTES} B target` : "";
      console.log(`build: ${r.bundle}  ${r.bytes} B  (${r.minifiedBytes} B minified${note})`);
      if (sizes) for (const [part, bytes] of r.parts) console.log(`         ${String(bytes).padStart(6)} B  ${part}`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
