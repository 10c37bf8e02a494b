// One loaded script per process: the sources of its module graph (read and checked once, with V8
// code caches), the files open() returned during the first VU's init (k6 docs, init-context/open:
// files are read once and shared), and the process-wide k6/data SharedArray store.
import { readFileSync } from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import type { SharedStore } from "../modules/index.ts";
import { blockingImports } from "./blocking.ts";
import { ScriptLoadError } from "./errors.ts";
import { findDynamicImport } from "./scan.ts";

export interface ScriptFile {
  path: string;
  source: string;
  /** V8 code cache produced by the first VU that compiled the file */
  cachedData?: Buffer;
  blocking: string[];
}

export class ScriptBundle {
  readonly entry: string;
  readonly #files = new Map<string, ScriptFile>();
  readonly #opened = new Map<string, string | Uint8Array>();
  readonly #shared = new Map<string, unknown>();
  #urls = new Set<string>();
  /** set once the first VU of this process finished its init code */
  firstInitDone = false;

  constructor(entry: string) {
    this.entry = resolvePath(entry);
  }

  /** Reads (once) and checks a file of the module graph; importer/specifier name the import. */
  file(path: string, importer?: string, specifier?: string): ScriptFile {
    const known = this.#files.get(path);
    if (known) return known;
    let source: string;
    try {
      source = readFileSync(path, "utf8");
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((err as Error).message);
      const message = importer === undefined
        ? `cannot read script ${path}: ${why}`
        : `import "${specifier}" in ${importer}: cannot read ${path}: ${why} (k6 resolves file names exactly, without adding extensions)`;
      throw new ScriptLoadError("file-not-found", importer ?? path, message, specifier);
    }
    const line = findDynamicImport(source);
    if (line > 0) {
      throw new ScriptLoadError("dynamic-import", path,
        `${path}:${line}: dynamic import() is not supported in k6; use a static import`, "import()");
    }
    const file: ScriptFile = { path, source, blocking: blockingImports(source) };
    this.#files.set(path, file);
    return file;
  }

  /** Blocking k6 functions imported anywhere in the graph loaded so far. */
  get blocking(): string[] {
    return [...this.#files.values()].flatMap((f) => f.blocking);
  }

  /** Files of the module graph loaded so far. */
  get files(): readonly string[] {
    return [...this.#files.keys()];
  }

  /** Whether a stack frame line points into one of the script's files. */
  isScriptFrame(frame: string): boolean {
    if (this.#urls.size !== this.#files.size) this.#urls = new Set([...this.#files.keys()].map((p) => pathToFileURL(p).href));
    for (const url of this.#urls) if (frame.includes(`${url}:`)) return true;
    return false;
  }

  /** open(): relative to the script's directory; later VUs get the first VU's copy. */
  open(path: string, binary: boolean): string | Uint8Array {
    const abs = resolvePath(dirname(this.entry), path);
    const key = `${binary ? "b" : "t"}:${abs}`;
    const cached = this.#opened.get(key);
    if (cached !== undefined) return cached;
    if (this.firstInitDone) {
      throw new Error(`open() can't be used with files that weren't previously opened during initialization (__VU==0), path: "${path}"`);
    }
    let data: string | Uint8Array;
    try {
      data = binary ? new Uint8Array(readFileSync(abs)) : readFileSync(abs, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`open("${path}"): ${code === "ENOENT" ? `no such file ${abs}` : (err as Error).message}`);
    }
    this.#opened.set(key, data);
    return data;
  }

  readonly shared: SharedStore = {
    get: (name) => this.#shared.get(name),
    set: (name, value) => void this.#shared.set(name, value),
    has: (name) => this.#shared.has(name),
  };
}

const bundles = new Map<string, ScriptBundle>();

/** The process-wide bundle for a script path (sources compiled once per process). */
export function loadBundle(path: string): ScriptBundle {
  const abs = resolvePath(path);
  let bundle = bundles.get(abs);
  if (!bundle) {
    bundle = new ScriptBundle(abs);
    bundle.file(abs);
    bundles.set(abs, bundle);
  }
  return bundle;
}
