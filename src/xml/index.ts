// XML for the protocol layer: an element tree, a strict parse on ltx's SAX parser, and ltx's escaping.
export { Element, xml } from "./element.ts";
export type { Node } from "./element.ts";
export { parse, XmlError } from "./parse.ts";
export { escapeXML, unescapeXML, escapeXMLText, unescapeXMLText } from "ltx";
