// run.json of a run folder as the report reads it. Every field may be absent (the report says "not
// recorded"); a field that is present with the wrong type is an error naming its JSON path.
import { ReportInputError } from "./errors.ts";
import { expectObject, type Json } from "./validate.ts";

export interface GeneratorSampleInfo {
  /** epoch ms */
  tMs: number;
  cpuPercent: number | undefined;
  rssBytes: number | undefined;
  fds: number | undefined;
  fdLimit: number | undefined;
  tcpSockets: number | undefined;
  portRange: number | undefined;
  eventLoopLagP99Ms: number | undefined;
}

export interface GeneratorWarningInfo {
  kind: string;
  message: string;
  firstAt: string | undefined;
}

export interface GeneratorInfo {
  intervalMs: number | undefined;
  samples: GeneratorSampleInfo[];
  warnings: GeneratorWarningInfo[];
  trusted: boolean | undefined;
  unavailable: string | undefined;
}

export interface RunInfo {
  scenario: string | undefined;
  engine: { name: string | undefined; version: string | undefined } | undefined;
  bundleSha256: string | undefined;
  gitCommit: string | undefined;
  config: Json;
  startedAt: string | undefined;
  endedAt: string | undefined;
  host: Record<string, Json> | undefined;
  status: string | undefined;
  exitCode: number | undefined;
  generator: GeneratorInfo | undefined;
}

type Reader = {
  str(o: Record<string, Json>, key: string, at: string): string | undefined;
  num(o: Record<string, Json>, key: string, at: string): number | undefined;
  bool(o: Record<string, Json>, key: string, at: string): boolean | undefined;
  obj(o: Record<string, Json>, key: string, at: string): Record<string, Json> | undefined;
  list(o: Record<string, Json>, key: string, at: string): Json[];
};

function reader(file: string): Reader {
  const bad = (at: string, want: string, v: Json): never => {
    throw new ReportInputError("shape", file, `${at}: expected ${want}, got ${JSON.stringify(v)?.slice(0, 40) ?? "nothing"}`);
  };
  const typed = <T>(check: (v: Json) => boolean, want: string) => (o: Record<string, Json>, key: string, at: string): T | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    return check(v) ? (v as T) : bad(`${at}${key}`, want, v);
  };
  return {
    str: typed<string>((v) => typeof v === "string", "a string"),
    num: typed<number>((v) => typeof v === "number" && Number.isFinite(v), "a number"),
    bool: typed<boolean>((v) => typeof v === "boolean", "true or false"),
    obj: typed<Record<string, Json>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "an object"),
    list: (o, key, at) => typed<Json[]>(Array.isArray, "a list")(o, key, at) ?? [],
  };
}

/** A sample time: an RFC 3339 string or epoch ms. */
function timeOf(v: Json, file: string, at: string): number {
  const ms = typeof v === "string" ? Date.parse(v) : typeof v === "number" ? v : NaN;
  if (!Number.isFinite(ms)) throw new ReportInputError("shape", file, `${at}: expected an RFC 3339 time, got ${JSON.stringify(v) ?? "nothing"}`);
  return ms;
}

function parseGenerator(g: Record<string, Json>, file: string, r: Reader): GeneratorInfo {
  const at = "generator.";
  const samples = r.list(g, "samples", at).map((raw, i) => {
    const sAt = `generator.samples[${i}].`;
    const s = expectObject(raw, file, `generator.samples[${i}]`);
    return {
      tMs: timeOf(s.t, file, `${sAt}t`),
      cpuPercent: r.num(s, "cpuPercent", sAt), rssBytes: r.num(s, "rssBytes", sAt), fds: r.num(s, "fds", sAt),
      fdLimit: r.num(s, "fdLimit", sAt), tcpSockets: r.num(s, "tcpSockets", sAt), portRange: r.num(s, "portRange", sAt),
      eventLoopLagP99Ms: r.num(s, "eventLoopLagP99Ms", sAt),
    };
  });
  const warnings = r.list(g, "warnings", at).map((raw, i) => {
    const wAt = `generator.warnings[${i}].`;
    const w = expectObject(raw, file, `generator.warnings[${i}]`);
    return { kind: r.str(w, "kind", wAt) ?? "warning", message: r.str(w, "message", wAt) ?? "", firstAt: r.str(w, "firstAt", wAt) };
  });
  return { intervalMs: r.num(g, "intervalMs", at), samples, warnings, trusted: r.bool(g, "trusted", at), unavailable: r.str(g, "unavailable", at) };
}

/** Validates a parsed run.json document. */
export function parseRunInfo(doc: unknown, file: string): RunInfo {
  const root = expectObject(doc, file, "(document)");
  const r = reader(file);
  const engine = r.obj(root, "engine", "");
  const generator = r.obj(root, "generator", "");
  return {
    scenario: r.str(root, "scenario", ""),
    engine: engine ? { name: r.str(engine, "name", "engine."), version: r.str(engine, "version", "engine.") } : undefined,
    bundleSha256: r.str(root, "bundleSha256", ""),
    gitCommit: r.str(root, "gitCommit", ""),
    config: root.config,
    startedAt: r.str(root, "startedAt", ""),
    endedAt: r.str(root, "endedAt", ""),
    host: r.obj(root, "host", ""),
    status: r.str(root, "status", ""),
    exitCode: r.num(root, "exitCode", ""),
    generator: generator ? parseGenerator(generator, file, r) : undefined,
  };
}
