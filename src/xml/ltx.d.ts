// Types for the parts of ltx 3.1.2 that src/xml uses (its escaping). ltx ships no declarations.
declare module "ltx" {
  export function escapeXML(s: string): string;
  export function unescapeXML(s: string): string;
  export function escapeXMLText(s: string): string;
  export function unescapeXMLText(s: string): string;
}
