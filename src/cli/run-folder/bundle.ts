// `run <scenario|script.js>`: a path is run as given; a scenario name (scenarios/<name>.ts) is
// built into <bundles>/<name>.js first when that bundle is missing or older than any source.
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, extname, join, relative, resolve } from "node:path";
import { buildScenarios } from "../../../build.mjs";
import { RunSetupError } from "./errors.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..", "..");

export interface ScriptChoice {
  /** scenario name, or the script's file name without extension */
  scenario: string;
  /** absolute path of the k6 script to run */
  script: string;
  /** a scenario name was given (the bundle comes from the build) */
  fromScenario: boolean;
}

export interface BundleOptions {
  root?: string;
  bundlesDir?: string;
  /** bundle for k6 before v1.6.0 (k6/experimental/websockets), in its own folder */
  legacyWebsockets?: boolean;
}

/** A path (has a slash or a .js/.mjs extension) or a scenario name. */
export function isScriptPath(arg: string): boolean {
  return arg.includes("/") || arg.includes("\\") || [".js", ".mjs", ".cjs", ".ts"].includes(extname(arg));
}

export async function scenarioNames(root = ROOT): Promise<string[]> {
  const names = await readdir(join(root, "scenarios")).catch(() => [] as string[]);
  return names.filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts")).map((f) => f.slice(0, -3)).sort();
}

export async function chooseScript(arg: string, cwd: string, o: BundleOptions = {}): Promise<ScriptChoice> {
  if (isScriptPath(arg)) {
    const script = resolve(cwd, arg);
    const s = await stat(script).catch(() => undefined);
    if (!s) throw new RunSetupError("script", `script ${arg}: no such file`);
    if (!s.isFile()) throw new RunSetupError("script", `script ${arg}: not a file`);
    return { scenario: basename(script).replace(/\.(m|c)?js$|\.ts$/, ""), script, fromScenario: false };
  }
  const root = o.root ?? ROOT;
  const names = await scenarioNames(root);
  if (!names.includes(arg)) {
    throw new RunSetupError("scenario", `unknown scenario "${arg}": one of ${names.join(", ")}, or a path to a k6 script`);
  }
  return { scenario: arg, script: bundlePath(arg, o), fromScenario: true };
}

export function bundlesDir(o: BundleOptions): string {
  const base = o.bundlesDir ?? join(o.root ?? ROOT, "results", "bundles");
  return o.legacyWebsockets ? join(base, "k6-before-1.6") : base;
}

export function bundlePath(scenario: string, o: BundleOptions): string {
  return join(bundlesDir(o), `${scenario}.js`);
}

/** Newest modification time (ms) of what a bundle is made from: src/, scenarios/, build.mjs, the lockfile. */
export async function newestSource(root = ROOT): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "fixtures" && e.name !== "node_modules") await walk(p);
      } else if (/\.(ts|mjs|js|json)$/.test(e.name) && !e.name.endsWith(".test.ts")) {
        newest = Math.max(newest, (await stat(p)).mtimeMs);
      }
    }
  };
  await walk(join(root, "src"));
  await walk(join(root, "scenarios"));
  for (const f of ["build.mjs", "package-lock.json"]) {
    const s = await stat(join(root, f)).catch(() => undefined);
    if (s) newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

/** Builds every scenario when the chosen bundle is missing or stale; says whether it built. */
export async function ensureBundle(choice: ScriptChoice, o: BundleOptions = {}): Promise<boolean> {
  if (!choice.fromScenario) return false;
  const bundle = await stat(choice.script).catch(() => undefined);
  if (bundle && bundle.mtimeMs >= (await newestSource(o.root ?? ROOT))) return false;
  try {
    await buildAtomic(bundlesDir(o), o.legacyWebsockets === true);
  } catch (e) {
    throw new RunSetupError("build", `building scenario ${choice.scenario}: ${(e as Error).message}`);
  }
  return true;
}

export interface BuiltBundle {
  bundle: string;
  bytes: number;
  minifiedBytes: number;
  overTarget: boolean;
}

/**
 * build.mjs's buildScenarios into a fresh folder next to `outDir`, then each file renamed into
 * place: a run reading a bundle never sees one half-written, and a failed build leaves the old ones.
 */
export async function buildAtomic(outDir: string, legacyWebsockets: boolean, withScram = false): Promise<BuiltBundle[]> {
  await mkdir(outDir, { recursive: true });
  const tmp = await mkdtemp(join(outDir, ".build-"));
  try {
    const built = (await buildScenarios({ outDir: tmp, legacyWebsockets, withScram })) as BuiltBundle[];
    const meta = join(tmp, "meta.json");
    // meta.json names the outputs by path from the working folder: point them at the final folder
    const text = await readFile(meta, "utf8").catch(() => undefined);
    const rel = (p: string): string => (relative(process.cwd(), p) === "" ? "" : `${relative(process.cwd(), p)}/`);
    if (text !== undefined) await writeFile(meta, text.split(rel(tmp)).join(rel(outDir)));
    for (const f of await readdir(tmp)) {
      // source maps name their sources relative to themselves: one folder up now
      if (f.endsWith(".js.map")) {
        const map = JSON.parse(await readFile(join(tmp, f), "utf8")) as { sources?: string[] };
        map.sources = map.sources?.map((src) => (src.startsWith("../") ? src.slice(3) : src));
        await writeFile(join(tmp, f), JSON.stringify(map));
      }
      await rename(join(tmp, f), join(outDir, f));
    }
    return built.map((b) => ({ ...b, bundle: join(outDir, basename(b.bundle)) }));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
