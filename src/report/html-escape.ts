// Escaping for HTML text and quoted attribute values (HTML Living Standard §13.1.2.3 and §13.5:
// `&`, `<`, `>` and both quotes become character references). Tag values come from the wire.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
