// Durations in threshold options (delayAbortEval): Go duration strings such as "10s", "1m30s",
// "1.5h", "250ms" (k6 also accepts "d" days), or a number of milliseconds (k6 types.NullDuration).

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000,
};
const PART_RE = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/y;

/** Milliseconds, or undefined when `input` is not a duration. */
export function parseDurationMs(input: unknown): number | undefined {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 ? input : undefined;
  if (typeof input !== "string") return undefined;
  const text = input.trim();
  if (text === "0") return 0;
  if (text === "") return undefined;
  let total = 0;
  PART_RE.lastIndex = 0;
  while (PART_RE.lastIndex < text.length) {
    const m = PART_RE.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
  }
  return total;
}

function trimmed(v: number): string {
  return String(parseFloat(v.toFixed(9)));
}

/** Go's time.Duration.String() of a millisecond duration: "0s", "250ms", "1.5s", "1m30s", "1h0m0s". */
export function formatGoDuration(ms: number): string {
  if (ms < 0) return "-" + formatGoDuration(-ms);
  if (ms === 0) return "0s";
  if (ms < 1e-3) return `${trimmed(ms * 1e6)}ns`;
  if (ms < 1) return `${trimmed(ms * 1e3)}µs`;
  if (ms < 1000) return `${trimmed(ms)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = `${trimmed((ms % 60_000) / 1000)}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  return m > 0 ? `${m}m${s}` : s;
}
