// Pretty-printed XML as Finesse puts it into notifications: one element per line, two-space indent,
// leaf text inline (Finesse 12.5 events captured in github.com/pokornyIt/finesse-api, XMPP/*.xml).
import { escapeXML, escapeXMLText, type Element } from "../xml/index.ts";

/** `el` serialised with newlines and two-space indentation; elements with only text stay on one line. */
export function prettyXml(el: Element, depth = 0): string {
  const pad = "  ".repeat(depth);
  let open = `<${el.name}`;
  for (const [k, v] of Object.entries(el.attrs)) if (v !== undefined && v !== null) open += ` ${k}="${escapeXML(String(v))}"`;
  const elements: Element[] = [];
  let text = "";
  for (const c of el.children) {
    if (typeof c === "string") text += c;
    else elements.push(c);
  }
  if (elements.length === 0) {
    // Empty leaves as an open/close pair, as captured (`<requestId></requestId>`).
    return `${pad}${open}>${escapeXMLText(text)}</${el.name}>`;
  }
  const inner = elements.map((c) => prettyXml(c, depth + 1)).join("\n");
  return `${pad}${open}>\n${inner}\n${pad}</${el.name}>`;
}
