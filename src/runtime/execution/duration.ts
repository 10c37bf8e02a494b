// k6 duration values (k6 docs, using-k6/k6-options/reference: "durations are strings like 1m30s";
// a JSON number is milliseconds). Go's time.ParseDuration units plus k6's extended "d".
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  "μs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const PART_RE = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/;

export class DurationError extends Error {
  override name = "DurationError";
  readonly kind = "invalid-duration";
}

/** Parses "1m30s", "500ms", "1.5h", "0" into milliseconds; a number is taken as milliseconds. */
export function parseDuration(value: unknown): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new DurationError(`invalid duration ${String(value)}`);
    return value;
  }
  if (typeof value !== "string") throw new DurationError(`invalid duration ${JSON.stringify(value)}: expected a string like "30s"`);
  let text = value.trim();
  if (text === "") throw new DurationError(`invalid duration "": empty`);
  let sign = 1;
  if (text[0] === "-" || text[0] === "+") {
    if (text[0] === "-") sign = -1;
    text = text.slice(1);
  }
  if (text === "0") return 0;
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const m = PART_RE.exec(rest);
    if (!m) {
      const why = /^\d+(\.\d*)?$/.test(rest) ? "missing unit" : "unknown unit or syntax";
      throw new DurationError(`invalid duration "${value}": ${why} (use e.g. "30s", "1m30s", "500ms")`);
    }
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Formats milliseconds like k6 prints durations: "1m30s", "500ms", "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1000) return `${round(ms)}ms`;
  let rest = ms;
  let out = "";
  const h = Math.floor(rest / 3_600_000);
  if (h > 0) {
    out += `${h}h`;
    rest -= h * 3_600_000;
  }
  const m = Math.floor(rest / 60_000);
  if (m > 0 || h > 0) {
    out += `${m}m`;
    rest -= m * 60_000;
  }
  out += `${round(rest / 1000)}s`;
  return out;
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
