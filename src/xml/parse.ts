// One whole XML element from one string (RFC 7395 §3.3.3: one element per WebSocket message), read by
// ltx's SAX parser. ltx's own parse() ignores a mismatched end tag and a second root; this one rejects
// both, and an unclosed element (XML 1.0 §2.1, "well-formed"). XMPP forbids DTDs (RFC 6120 §11.1), so a
// DOCTYPE is not expected; comments, CDATA (kept as text) and processing instructions are accepted.
import SaxLtx from "ltx/src/parsers/ltx.js";
import { Element } from "./element.ts";

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
  const sax = new SaxLtx();
  let root: Element | undefined;
  let open: Element | undefined;
  let problem: string | undefined;
  sax.on("startElement", (name: string, attrs: Record<string, string>) => {
    if (name === "") problem ??= `"<" without an element name`;
    const el = new Element(name, attrs);
    if (open) open.cnode(el);
    else if (root) problem ??= "more than one root element";
    else root = el;
    open = el;
  });
  sax.on("endElement", (name: string) => {
    if (open?.name !== name) problem ??= `mismatched end tag </${name}> (expected </${open?.name ?? "nothing"}>)`;
    else open = open.parent ?? undefined;
  });
  sax.on("text", (text: string) => {
    if (open) open.children.push(text);
  });
  try {
    sax.write(input);
    sax.end();
  } catch (e) {
    // ltx's unescaping throws on an unknown entity or an illegal character reference
    problem ??= (e as Error).message;
  }
  if (open) problem ??= `unclosed element <${open.name}>`;
  if (!root) problem ??= "no element";
  if (problem !== undefined) throw new XmlError(problem, input);
  return root!;
}
