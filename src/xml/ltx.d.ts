// Types for the parts of ltx 3.1.2 that src/xml uses. ltx ships no declarations.
declare module "ltx" {
  export type Node = Element | string;
  export class Element {
    constructor(name: string, attrs?: Record<string, unknown>);
    name: string;
    parent: Element | null;
    children: Node[];
    attrs: Record<string, string>;
    is(name: string, xmlns?: string): boolean;
    getName(): string;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getText(): string;
    text(): string;
    attr(name: string): string | undefined;
    c(name: string, attrs?: Record<string, unknown>): Element;
    cnode(child: Element): Element;
    t(text: string): Element;
    up(): Element;
    root(): Element;
    append(...nodes: Node[]): void;
    remove(el: Element | string, xmlns?: string): Element;
    toString(): string;
  }
  export class Parser {
    constructor(options?: unknown);
    parser: { on(event: string, fn: (...args: never[]) => void): void };
    on(event: "tree", fn: (tree: Element) => void): void;
    on(event: "error", fn: (err: Error) => void): void;
    write(data: string): void;
    end(data?: string): void;
  }
  export function createElement(
    name: string,
    attrs?: Record<string, unknown> | null,
    ...children: Array<Node | null | undefined | false>
  ): Element;
  export function escapeXML(s: string): string;
  export function unescapeXML(s: string): string;
  export function escapeXMLText(s: string): string;
  export function unescapeXMLText(s: string): string;
  export function isElement(x: unknown): x is Element;
}
