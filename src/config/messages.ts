// English messages for the problems our schema can report. zod/mini says only "Invalid input"
// without a locale, and its full English locale costs k6 bundle bytes for formats we never use.
// The schema's own checks are refinements that carry their message, so only zod's type and
// unknown-key issues need one here.
type Issue = {
  code?: string;
  expected?: string;
  input?: unknown;
  keys?: string[];
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isNaN(v)) return "NaN";
  return typeof v;
}

export function configMessage(i: Issue): string {
  switch (i.code) {
    case "invalid_type":
      return `expected ${i.expected}, received ${typeOf(i.input)}`;
    case "unrecognized_keys":
      return `unknown key${(i.keys ?? []).length > 1 ? "s" : ""}: ${(i.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}`;
    default:
      return "invalid value";
  }
}
