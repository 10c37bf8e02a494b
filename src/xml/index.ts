// The only module that imports ltx (see test/architecture.test.ts).
export { Element, createElement as xml, escapeXML, unescapeXML, escapeXMLText, unescapeXMLText, isElement } from "ltx";
export type { Node } from "ltx";
export { parse, XmlError } from "./parse.ts";
