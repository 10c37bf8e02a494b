// One whole XML element from one string (RFC 7395 §3.3.3: one element per WebSocket message).
// Well-formedness as far as the protocol needs it (XML 1.0 §2.1): exactly one root, every start-tag
// closed by a matching end-tag, quoted attribute values, known entity references. Comments, CDATA
// sections (XML 1.0 §2.7), processing instructions and a DOCTYPE without an internal subset are accepted;
// text outside the root element is ignored.
import { unescapeXML } from "ltx";
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

// Markup that is skipped (or, for CDATA, kept as text): its opening and its end.
const SKIPPED: ReadonlyArray<readonly [string, string, string]> = [
  ["<!--", "-->", "comment"],
  ["<![CDATA[", "]]>", "CDATA section"],
  ["<?", "?>", "processing instruction"],
  ["<!", ">", "declaration"],
];

// White space, "/", ">" and "=" end a name (XML 1.0 §2.3).
const endsName = (c: number): boolean => c <= 32 || c === 47 || c === 62 || c === 61;

export function parse(input: string): Element {
  const fail = (why: string): never => {
    throw new XmlError(why, input);
  };
  const text = (s: string): string => {
    try {
      return unescapeXML(s);
    } catch (e) {
      return fail((e as Error).message);
    }
  };
  let root: Element | undefined;
  let open: Element | undefined;
  let pos = 0;
  const n = input.length;
  while (pos < n) {
    const lt = input.indexOf("<", pos);
    const textEnd = lt < 0 ? n : lt;
    if (open && textEnd > pos) open.children.push(text(input.slice(pos, textEnd)));
    if (lt < 0) break;
    const skipped = SKIPPED.find(([start]) => input.startsWith(start, lt));
    if (skipped) {
      const [start, end, what] = skipped;
      const close = input.indexOf(end, lt + start.length);
      if (close < 0) fail(`unclosed ${what}`);
      if (open && what === "CDATA section" && close > lt + start.length) open.children.push(input.slice(lt + start.length, close));
      pos = close + end.length;
    } else if (input.charCodeAt(lt + 1) === 47) {
      const gt = input.indexOf(">", lt);
      const name = input.slice(lt + 2, gt < 0 ? n : gt).trim();
      if (gt < 0) fail(`unclosed end tag </${name}`);
      if (open?.name !== name) fail(`mismatched end tag </${name}> (expected </${open?.name ?? "nothing"}>)`);
      open = open!.parent ?? undefined;
      pos = gt + 1;
    } else {
      let i = lt + 1;
      while (i < n && !endsName(input.charCodeAt(i))) i++;
      const el = new Element(input.slice(lt + 1, i));
      if (el.name === "") fail(`"<" without an element name at offset ${lt}`);
      let selfClosing = false;
      for (;;) {
        while (i < n && input.charCodeAt(i) <= 32) i++;
        if (i >= n) fail(`unclosed tag <${el.name}`);
        if (input.startsWith("/>", i) || input.charCodeAt(i) === 62) {
          selfClosing = input.charCodeAt(i) === 47;
          i += selfClosing ? 2 : 1;
          break;
        }
        const nameStart = i;
        while (i < n && !endsName(input.charCodeAt(i))) i++;
        const attr = input.slice(nameStart, i);
        while (i < n && input.charCodeAt(i) <= 32) i++;
        if (attr === "" || input.charCodeAt(i) !== 61) fail(`malformed attribute ${JSON.stringify(attr)} in <${el.name}>`);
        i++;
        while (i < n && input.charCodeAt(i) <= 32) i++;
        const quote = input[i];
        if (quote !== '"' && quote !== "'") fail(`attribute ${attr} of <${el.name}> has no quoted value`);
        const end = input.indexOf(quote!, i + 1);
        if (end < 0) fail(`unclosed value of attribute ${attr} in <${el.name}>`);
        el.attrs[attr] = text(input.slice(i + 1, end));
        i = end + 1;
      }
      if (open) open.cnode(el);
      else if (root) fail("more than one root element");
      else root = el;
      if (!selfClosing) open = el;
      pos = i;
    }
  }
  if (open) fail(`unclosed element <${open.name}>`);
  return root ?? fail("no element");
}
