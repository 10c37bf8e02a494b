// One whole XML element from one string (RFC 7395 §3.3.3: one element per WebSocket message).
// ltx's own parse() ignores mismatched end tags and a second root; this one rejects both.
import { Parser, type Element } from "ltx";

export class XmlError extends Error {
  override name = "XmlError";
  readonly input: string;
  constructor(message: string, input: string) {
    super(`${message} in ${preview(input)}`);
    this.input = input;
  }
}

function preview(input: string): string {
  const flat = input.replace(/\s+/g, " ");
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat);
}

export function parse(input: string): Element {
  const parser = new Parser();
  const open: string[] = [];
  let roots = 0;
  let problem: string | undefined;
  let tree: Element | undefined;
  const sax = parser.parser as { on(event: string, fn: (name: string) => void): void };
  sax.on("startElement", (name) => {
    if (open.length === 0) roots += 1;
    if (roots > 1) problem ??= "more than one root element";
    open.push(name);
  });
  sax.on("endElement", (name) => {
    const expected = open.pop();
    if (expected !== name) problem ??= `mismatched end tag </${name}> (expected </${expected ?? "nothing"}>)`;
  });
  parser.on("tree", (t) => (tree = t));
  let parserError: string | undefined;
  parser.on("error", (e) => (parserError ??= e.message));
  parser.write(input);
  parser.end();
  if (open.length > 0) problem ??= `unclosed element <${open[open.length - 1]}>`;
  if (roots === 0) problem ??= "no element";
  problem ??= parserError;
  if (problem !== undefined) throw new XmlError(problem, input);
  if (!tree) throw new XmlError("no element", input);
  return tree;
}
