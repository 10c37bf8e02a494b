// The element tree the protocol layer reads and writes: names (with an optional prefix), attributes,
// namespaces inherited through xmlns / xmlns:prefix (Namespaces in XML 1.0 §6), text, and the
// serialized form (XML 1.0 §2.4 character data, §3.1 start-tags and end-tags).
import { escapeXML, escapeXMLText } from "ltx";

export type Node = Element | string;

export class Element {
  name: string;
  parent: Element | null = null;
  children: Node[] = [];
  attrs: Record<string, string>;

  constructor(name: string, attrs?: Record<string, string>) {
    this.name = name;
    this.attrs = { ...attrs };
  }

  /** Same local name and, when given, the same namespace. */
  is(name: string, xmlns?: string): boolean {
    return this.getName() === name && (!xmlns || this.getNS() === xmlns);
  }

  /** The local name, without a prefix. */
  getName(): string {
    const colon = this.name.indexOf(":");
    return colon < 0 ? this.name : this.name.slice(colon + 1);
  }

  /** The namespace in scope for this element's name (its own or an ancestor's declaration). */
  getNS(): string | undefined {
    const colon = this.name.indexOf(":");
    const attr = colon < 0 ? "xmlns" : `xmlns:${this.name.slice(0, colon)}`;
    for (let el: Element | null = this; el; el = el.parent) if (el.attrs[attr]) return el.attrs[attr];
    return undefined;
  }

  getChild(name: string, xmlns?: string): Element | undefined {
    for (const c of this.children) if (c instanceof Element && c.is(name, xmlns)) return c;
    return undefined;
  }

  getChildren(name: string, xmlns?: string): Element[] {
    return this.getChildElements().filter((c) => c.is(name, xmlns));
  }

  getChildElements(): Element[] {
    return this.children.filter((c): c is Element => c instanceof Element);
  }

  getChildText(name: string, xmlns?: string): string | null {
    return this.getChild(name, xmlns)?.getText() ?? null;
  }

  /** The text children, concatenated (not the text of descendants). */
  getText(): string {
    let text = "";
    for (const c of this.children) if (typeof c === "string") text += c;
    return text;
  }

  /** Adds a child element and returns it. */
  c(name: string, attrs?: Record<string, string>): Element {
    return this.cnode(new Element(name, attrs));
  }

  cnode(child: Element): Element {
    this.append(child);
    return child;
  }

  append(...nodes: Node[]): void {
    for (const n of nodes) {
      this.children.push(n);
      if (n instanceof Element) n.parent = this;
    }
  }

  toString(): string {
    let out = `<${this.name}`;
    for (const k in this.attrs) {
      const v = this.attrs[k];
      if (v != null) out += ` ${k}="${escapeXML(String(v))}"`;
    }
    if (this.children.length === 0) return `${out}/>`;
    out += ">";
    for (const c of this.children) out += typeof c === "string" ? escapeXMLText(c) : c.toString();
    return `${out}</${this.name}>`;
  }
}

/**
 * Builds an element: attributes that are null or undefined are left out, others become strings;
 * children that are null, undefined, booleans or "" are skipped, arrays are flattened.
 */
export function xml(name: string, attrs?: Record<string, unknown> | null, ...children: unknown[]): Element {
  const el = new Element(name);
  for (const k in attrs) {
    const v = attrs[k];
    if (v != null) el.attrs[k] = String(v);
  }
  add(el, children);
  return el;
}

function add(el: Element, children: unknown[]): void {
  for (const c of children) {
    if (Array.isArray(c)) add(el, c);
    else if (c instanceof Element) el.append(c);
    else if (c != null && c !== "" && typeof c !== "boolean") el.children.push(String(c));
  }
}
