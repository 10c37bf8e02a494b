// English messages for the problems our schema can report. zod/mini says only "Invalid input"
// without a locale, and its full English locale costs k6 bundle bytes for formats we never use.
type Issue = {
  code?: string;
  expected?: string;
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  pattern?: string;
  includes?: string;
  keys?: string[];
  values?: unknown[];
};

const UNITS: Record<string, string> = { string: "characters", array: "items" };

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isNaN(v)) return "NaN";
  return typeof v;
}

function bound(i: Issue, ops: [string, string], limit: number | bigint | undefined): string {
  const unit = UNITS[i.origin ?? ""];
  const op = i.inclusive ? ops[0] : ops[1];
  return unit ? `expected ${i.origin} to have ${op}${String(limit)} ${unit}` : `expected ${i.origin ?? "value"} to be ${op}${String(limit)}`;
}

export function configMessage(i: Issue): string {
  switch (i.code) {
    case "invalid_type":
      return `expected ${i.expected}, received ${typeOf(i.input)}`;
    case "too_small":
      return `too small: ${bound(i, [">=", ">"], i.minimum)}`;
    case "too_big":
      return `too big: ${bound(i, ["<=", "<"], i.maximum)}`;
    case "invalid_format":
      if (i.format === "includes") return `must include "${i.includes}"`;
      if (i.format === "regex") return `must match ${i.pattern}`;
      return `invalid ${i.format}`;
    case "unrecognized_keys":
      return `unknown key${(i.keys ?? []).length > 1 ? "s" : ""}: ${(i.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_value":
      return `expected one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(" | ")}`;
    case "invalid_union":
      return "matches none of the allowed forms";
    default:
      return "invalid value";
  }
}
