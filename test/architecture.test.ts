// Import rules between layers (README "Architecture"). Each rule is checked on every .ts/.mjs file
// under src/ and scenarios/ by reading its import specifiers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";

const ROOT = normalize(join(import.meta.dirname, ".."));

// Which src/ folders each folder may import from (besides itself).
const LAYERS: Record<string, readonly string[]> = {
  xml: [],
  xmpp: ["xml"],
  finesse: ["xmpp", "xml"],
  config: [],
  metrics: [],
  observe: ["metrics"],
  agent: ["finesse", "xmpp", "xml", "config", "metrics"],
  k6: ["agent", "finesse", "xmpp", "xml", "config", "metrics"],
  runtime: [],
  simulator: ["finesse", "xmpp", "xml", "config"],
  report: ["config", "metrics"],
  cli: ["runtime", "simulator", "report", "config", "metrics", "agent", "finesse", "xmpp", "xml"],
  scenarios: ["k6"],
};

// Folders that run only on Node and may use node:* and Node-only packages.
const NODE_FOLDERS = new Set(["runtime", "simulator", "report", "cli"]);
const NODE_ONLY_PACKAGES = new Set(["ws", "esbuild", "tsx"]);

interface SourceFile {
  path: string; // relative to ROOT, with "/"
  folder: string; // "xmpp", "runtime", …, or "scenarios"
  isTest: boolean;
  imports: string[];
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "fixtures" && name !== "node_modules") walk(path, out);
    } else if (/\.(ts|mjs)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

function sources(): SourceFile[] {
  const files = [...walk(join(ROOT, "src"), []), ...walk(join(ROOT, "scenarios"), [])];
  return files.map((abs) => {
    const path = relative(ROOT, abs).split(sep).join("/");
    const parts = path.split("/");
    const folder = parts[0] === "scenarios" ? "scenarios" : parts[1]!;
    return { path, folder, isTest: path.endsWith(".test.ts"), imports: importsOf(readFileSync(abs, "utf8")) };
  });
}

function targetFolder(file: SourceFile, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const resolved = relative(ROOT, join(ROOT, dirname(file.path), spec)).split(sep).join("/");
  const parts = resolved.split("/");
  if (parts[0] === "scenarios") return "scenarios";
  if (parts[0] === "src") return parts[1];
  return parts[0];
}

const files = sources();

function violations(rule: (f: SourceFile, spec: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const f of files) for (const spec of f.imports) {
    const why = rule(f, spec);
    if (why) out.push(`${f.path}: imports "${spec}": ${why}`);
  }
  return out;
}

test("the walker finds sources and their imports", () => {
  const xmlIndex = files.find((f) => f.path === "src/xml/index.ts");
  assert.ok(xmlIndex, "src/xml/index.ts is listed");
  assert.ok(xmlIndex.imports.includes("ltx"));
});

test("every src/ folder is a known layer", () => {
  const unknown = [...new Set(files.map((f) => f.folder))].filter((f) => !(f in LAYERS));
  assert.deepEqual(unknown, [], "add new folders to LAYERS in test/architecture.test.ts");
});

test("k6 and k6/* are imported only by src/k6 and scenarios", () => {
  const bad = violations((f, spec) =>
    (spec === "k6" || spec.startsWith("k6/")) && f.folder !== "k6" && f.folder !== "scenarios"
      ? "only the k6 glue and scenarios may import k6"
      : undefined,
  );
  assert.deepEqual(bad, []);
});

test("node:* and Node-only packages stay out of code that reaches a k6 bundle", () => {
  const bad = violations((f, spec) => {
    if (NODE_FOLDERS.has(f.folder) || f.isTest) return undefined;
    if (spec.startsWith("node:")) return `${f.folder} must run under k6: no node:*`;
    if (NODE_ONLY_PACKAGES.has(spec.split("/")[0]!)) return `${f.folder} must run under k6: no ${spec}`;
    return undefined;
  });
  assert.deepEqual(bad, []);
});

test("ltx is imported only by src/xml; zod only by src/config and only as zod/mini", () => {
  const bad = violations((f, spec) => {
    if (spec === "ltx" || spec.startsWith("ltx/")) return f.folder === "xml" ? undefined : "only src/xml may import ltx";
    if (spec === "zod" || spec.startsWith("zod/")) {
      if (f.folder !== "config") return "only src/config may import zod";
      if (spec !== "zod/mini" && spec !== "zod/locales") return 'import zod as "zod/mini" (bundle size)';
    }
    return undefined;
  });
  assert.deepEqual(bad, []);
});

test("layers import only the layers below them, through their index.ts", () => {
  const bad = violations((f, spec) => {
    const target = targetFolder(f, spec);
    if (target === undefined || target === f.folder) return undefined;
    if (f.path.startsWith("src/") && !(target in LAYERS)) return undefined;
    const allowed = LAYERS[f.folder] ?? [];
    if (!allowed.includes(target)) return `${f.folder} may not depend on ${target}`;
    if (!spec.endsWith(`/${target}/index.ts`) && !(target === "scenarios")) return `import ${target} through its index.ts`;
    return undefined;
  });
  assert.deepEqual(bad, []);
});

test("the embedded runtime imports nothing else from src/", () => {
  const bad = violations((f, spec) => {
    if (f.folder !== "runtime") return undefined;
    const target = targetFolder(f, spec);
    return target !== undefined && target !== "runtime" ? "src/runtime knows nothing of the rest of src/" : undefined;
  });
  assert.deepEqual(bad, []);
});
