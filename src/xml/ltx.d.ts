// Types for the parts of ltx 3.1.2 that src/xml uses: its escaping and its SAX parser. ltx ships no declarations.
declare module "ltx" {
  export function escapeXML(s: string): string;
  export function unescapeXML(s: string): string;
  export function escapeXMLText(s: string): string;
  export function unescapeXMLText(s: string): string;
}

declare module "ltx/src/parsers/ltx.js" {
  /** ltx's streaming parser: emits startElement(name, attrs), endElement(name), text(unescaped). */
  export default class SaxLtx {
    on(event: "startElement", fn: (name: string, attrs: Record<string, string>) => void): this;
    on(event: "endElement", fn: (name: string, selfClosing: boolean) => void): this;
    on(event: "text", fn: (text: string) => void): this;
    write(data: string): void;
    end(data?: string): void;
  }
}
