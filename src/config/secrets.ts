// Secrets never leave the process in clear: configs are masked before they are printed or
// written into a run record.
const SECRET_KEY_RE = /pass(word)?|secret|token|credential/i;
export const MASK = "***";

export function maskSecrets<T>(value: T): T {
  return mask(value) as T;
}

function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY_RE.test(key) && (typeof v === "string" || typeof v === "number") ? MASK : mask(v);
  }
  return out;
}
