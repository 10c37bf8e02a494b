// A YAML emitter for the Kubernetes manifests this command writes (YAML 1.2, yaml.org/spec/1.2.2):
// block mappings and sequences, plain scalars only where they cannot be read as anything but the
// same string, double-quoted scalars otherwise, and literal block scalars (§8.1.2) for multi-line
// text such as the script bundle. Text with characters a literal block cannot hold (non-printable
// characters, or NEL/LS/PS, which YAML 1.1 readers take as line breaks) is double-quoted with escapes.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

const INDENT = "  ";

/** One document per value, each introduced by `---`. */
export function toYamlDocuments(docs: readonly YamlValue[]): string {
  return docs.map((d) => `---\n${toYaml(d)}`).join("");
}

/** A block-style YAML document, ending in a line feed. */
export function toYaml(value: YamlValue): string {
  if (isCollection(value) && !isEmpty(value)) return block(value, 0).join("\n") + "\n";
  return `${inline(value, 0).join("\n")}\n`;
}

function isCollection(v: YamlValue): v is YamlValue[] | { [key: string]: YamlValue } {
  return v !== null && typeof v === "object";
}

function isEmpty(v: YamlValue[] | { [key: string]: YamlValue }): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** Lines of a non-empty collection at `depth`. */
function block(value: YamlValue[] | { [key: string]: YamlValue }, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item) && !isEmpty(item)) {
        // the first line of the nested block follows the dash ("- key: v")
        const inner = block(item, depth + 1);
        const first = inner[0]!.slice(pad.length + INDENT.length);
        lines.push(`${pad}- ${first}`, ...inner.slice(1));
      } else {
        const [head, ...rest] = inline(item, depth + 1);
        lines.push(`${pad}- ${head}`, ...rest);
      }
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value)) {
    const k = scalar(key);
    if (isCollection(item) && !isEmpty(item)) {
      lines.push(`${pad}${k}:`, ...block(item, depth + 1));
    } else {
      const [head, ...rest] = inline(item, depth + 1);
      lines.push(`${pad}${k}: ${head}`, ...rest);
    }
  }
  return lines;
}

/** A scalar or empty collection: its first line (after "key: " or "- ") and any continuation lines. */
function inline(value: YamlValue, depth: number): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["[]"];
  if (typeof value === "object") return ["{}"];
  if (typeof value === "boolean") return [String(value)];
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} as YAML`);
    return [String(value)];
  }
  if (value.includes("\n") && literalSafe(value)) return literal(value, depth);
  return [scalar(value)];
}

function literal(text: string, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const trailing = /\n*$/.exec(text)![0].length;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing === 0 ? text : text.slice(0, -1);
  const lines = body.split("\n").map((l) => (l === "" ? "" : pad + l));
  return [`|${chomp}`, ...lines];
}

// c-printable (§5.1) without the characters YAML 1.1 readers treat as line breaks or a BOM.
// eslint-disable-next-line no-control-regex
const NOT_LITERAL = /[^\t\n\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Text a literal block keeps as is: printable, and its first line not led by a space (which would need an indentation indicator, §8.1.1.1). */
function literalSafe(text: string): boolean {
  // text of line feeds only has no content line for a block to hang on: quoted instead
  return !NOT_LITERAL.test(text) && !/^\n*[ \t]/.test(text) && !/^\n*$/.test(text);
}

const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const SAFE_PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** A plain scalar when it can only be read back as this string, else double-quoted. */
export function scalar(text: string): string {
  if (SAFE_PLAIN.test(text) && !RESERVED.test(text)) return text;
  return quoted(text);
}

/** A double-quoted scalar (§7.3.1): backslash, quote and every character outside the safe set escaped. */
export function quoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (NOT_LITERAL.test(ch)) out += code > 0xffff ? `\\U${code.toString(16).padStart(8, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
