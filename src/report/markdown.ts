// GitHub-flavoured Markdown pieces (GFM spec §4.10 tables: a `|` inside a cell is escaped as `\|`).

export function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly ("l" | "r")[]): string {
  const sep = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  const line = (cells: readonly string[]): string => `| ${cells.map(mdCell).join(" | ")} |`;
  return [line(header), `| ${sep.join(" | ")} |`, ...rows.map(line)].join("\n");
}
