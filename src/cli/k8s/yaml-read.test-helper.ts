// Reads back the YAML subset yaml.ts writes (block mappings and sequences, plain and double-quoted
// scalars, literal block scalars with clip/strip/keep chomping, `---` documents), so tests can check
// the manifests by value. Anything outside that subset throws.
import type { YamlValue } from "./yaml.ts";

export function readYamlDocuments(text: string): YamlValue[] {
  const docs: string[][] = [];
  for (const line of text.split("\n")) {
    if (line === "---") docs.push([]);
    else if (docs.length === 0) throw new SyntaxError(`text before the first "---": ${line}`);
    else docs.at(-1)!.push(line);
  }
  // the text's final line feed leaves one empty line after the last document
  if (docs.at(-1)?.at(-1) === "") docs.at(-1)!.pop();
  return docs.map((lines) => {
    const r = new Reader(lines);
    const v = r.node(0);
    if (r.i < lines.length) throw new SyntaxError(`unexpected line ${r.i + 1}: ${lines[r.i]}`);
    return v;
  });
}

const indentOf = (l: string): number => l.length - l.trimStart().length;

class Reader {
  readonly lines: string[];
  i = 0;
  constructor(lines: string[]) {
    this.lines = lines;
  }

  node(minIndent: number): YamlValue {
    const line = this.lines[this.i];
    if (line === undefined) throw new SyntaxError("missing value");
    const ind = indentOf(line);
    if (ind < minIndent) throw new SyntaxError(`line ${this.i + 1} is indented ${ind}, expected at least ${minIndent}`);
    const body = line.slice(ind);
    if (body === "-" || body.startsWith("- ")) return this.sequence(ind);
    if (keyOf(body)) return this.mapping(ind);
    this.i++;
    return scalarValue(body);
  }

  sequence(ind: number): YamlValue[] {
    const out: YamlValue[] = [];
    for (let line = this.lines[this.i]; line !== undefined && indentOf(line) === ind && line.slice(ind).startsWith("- "); line = this.lines[this.i]) {
      const rest = line.slice(ind + 2);
      if (rest.startsWith("- ") || keyOf(rest)) {
        // a nested collection starts on the dash's line: read it as if it began on its own line
        this.lines[this.i] = " ".repeat(ind + 2) + rest;
        out.push(this.node(ind + 2));
      } else {
        this.i++;
        out.push(this.afterIndicator(rest, ind));
      }
    }
    return out;
  }

  mapping(ind: number): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    for (let line = this.lines[this.i]; line !== undefined && indentOf(line) === ind; line = this.lines[this.i]) {
      const kv = keyOf(line.slice(ind));
      if (!kv) throw new SyntaxError(`line ${this.i + 1}: expected "key: value", got ${line}`);
      if (kv.key in out) throw new SyntaxError(`line ${this.i + 1}: duplicate key "${kv.key}"`);
      this.i++;
      out[kv.key] = kv.rest === "" ? this.node(ind + 1) : this.afterIndicator(kv.rest, ind);
    }
    return out;
  }

  /** The value after "key: " or "- ": a block scalar header or a scalar. */
  afterIndicator(rest: string, parentIndent: number): YamlValue {
    const header = /^\|([-+]?)$/.exec(rest);
    if (!header) return scalarValue(rest);
    const body: string[] = [];
    let contentIndent = -1;
    for (let line = this.lines[this.i]; line !== undefined; line = this.lines[this.i]) {
      if (line.trim() === "" && (contentIndent < 0 || indentOf(line) <= contentIndent)) {
        body.push("");
        this.i++;
        continue;
      }
      const ind = indentOf(line);
      if (contentIndent < 0) {
        if (ind <= parentIndent) break;
        contentIndent = ind;
      }
      if (ind < contentIndent) break;
      body.push(line.slice(contentIndent));
      this.i++;
    }
    // §8.1.1.2 chomping: keep every line break, clip all but the last content line's, strip them all
    if (header[1] === "+") return `${body.join("\n")}\n`;
    while (body.length > 0 && body.at(-1) === "") body.pop();
    const text = body.join("\n");
    return header[1] === "-" || body.length === 0 ? text : `${text}\n`;
  }
}

function keyOf(text: string): { key: string; rest: string } | undefined {
  if (text.startsWith('"')) {
    const end = closingQuote(text);
    if (end < 0) return undefined;
    const after = text.slice(end + 1);
    if (after !== ":" && !after.startsWith(": ")) return undefined;
    return { key: unquote(text.slice(0, end + 1)), rest: after.slice(2) };
  }
  const m = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: (.*))?$/.exec(text);
  return m ? { key: m[1]!, rest: m[2] ?? "" } : undefined;
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function scalarValue(text: string): YamlValue {
  if (text.startsWith('"')) {
    if (closingQuote(text) !== text.length - 1) throw new SyntaxError(`bad quoted scalar: ${text}`);
    return unquote(text);
  }
  if (text === "[]") return [];
  if (text === "{}") return {};
  if (text === "null") return null;
  if (text === "true" || text === "false") return text === "true";
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (!/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(text)) throw new SyntaxError(`plain scalar outside the written subset: ${text}`);
  return text;
}

const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", t: "\t", r: "\r" };

function unquote(text: string): string {
  let out = "";
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const e = text[++i]!;
    if (e in ESCAPES) out += ESCAPES[e];
    else if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      out += String.fromCodePoint(parseInt(text.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else throw new SyntaxError(`unknown escape \\${e}`);
  }
  return out;
}
