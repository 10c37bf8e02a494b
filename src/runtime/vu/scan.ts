// Finds dynamic `import(...)` in a script's source: k6 rejects it at compile time ("not supported
// in k6"). A small lexer skips comments, string, template and regular-expression literals so text
// inside them does not count.

/** Line number (1-based) of the first dynamic import in src, or 0 if there is none. */
export function findDynamicImport(src: string): number {
  let i = 0;
  let line = 1;
  let prev = ""; // last significant character, to tell a regex literal from a division
  let prevWord = "";
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === "\n") { line++; i++; continue; }
    if (c === " " || c === "\t" || c === "\r") { i++; continue; }
    if (c === "/" && src[i + 1] === "/") { while (i < n && src[i] !== "\n") i++; continue; }
    if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === "\n") line++;
      i = stop; prev = " "; continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      i++;
      while (i < n && src[i] !== c) {
        if (src[i] === "\\") i++;
        else if (src[i] === "\n") line++;
        i++;
      }
      i++; prev = c; prevWord = ""; continue;
    }
    if (c === "/" && startsRegex(prev, prevWord)) {
      i++;
      let inClass = false;
      while (i < n && (src[i] !== "/" || inClass) && src[i] !== "\n") {
        if (src[i] === "\\") i++;
        else if (src[i] === "[") inClass = true;
        else if (src[i] === "]") inClass = false;
        i++;
      }
      i++; prev = "/"; prevWord = ""; continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(src[j]!)) j++;
      const word = src.slice(i, j);
      if (word === "import" && prev !== ".") {
        let k = j;
        while (k < n && /\s/.test(src[k]!)) k++;
        if (src[k] === "(") return line;
      }
      prev = "a"; prevWord = word; i = j; continue;
    }
    prev = c; prevWord = ""; i++;
  }
  return 0;
}

const REGEX_AFTER_WORD = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

function startsRegex(prev: string, prevWord: string): boolean {
  if (prev === "") return true;
  if (prev === "a") return REGEX_AFTER_WORD.has(prevWord);
  return !/[)\]}"'`\d]/.test(prev);
}
