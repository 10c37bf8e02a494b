// Command-line overrides of config values: "behaviour.ping.intervalMs=5000" or
// "targets[0].restUrl=https://finesse-b:8445". Values that parse as JSON are taken as JSON
// (numbers, booleans, arrays), everything else as a string.
import type { ConfigProblem } from "./errors.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SEGMENT_RE = /^([A-Za-z_][A-Za-z0-9_-]*)((?:\[\d+\])*)$/;

export function parseAssignments(text: string): { path: (string | number)[]; value: Json; raw: string }[] | ConfigProblem {
  const out: { path: (string | number)[]; value: Json; raw: string }[] = [];
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) return { path: "", message: `override "${part}" is not key=value` };
    const key = part.slice(0, eq).trim();
    const path = parsePath(key);
    if (!path) return { path: "", message: `override key "${key}" is not a path like behaviour.ping.intervalMs or targets[0].restUrl` };
    out.push({ path, value: parseValue(part.slice(eq + 1).trim()), raw: key });
  }
  return out;
}

function parsePath(key: string): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  for (const segment of key.split(".")) {
    const m = SEGMENT_RE.exec(segment);
    if (!m) return undefined;
    path.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(idx[1]));
  }
  return path;
}

function parseValue(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** Sets `value` at `path` inside `doc`, creating objects and arrays on the way. */
export function setPath(doc: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (typeof next === "object" && next !== null) node = next as Record<string | number, unknown>;
    else {
      const created = typeof path[i + 1] === "number" ? [] : {};
      node[key] = created;
      node = created as Record<string | number, unknown>;
    }
  }
  node[path[path.length - 1]!] = value;
}
