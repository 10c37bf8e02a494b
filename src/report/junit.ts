// JUnit XML as CI systems read it (the Ant JUnit report shape that Jenkins, GitLab and GitHub
// reporters accept): <testsuites> of <testsuite tests failures errors skipped time> of
// <testcase classname name time>, a failing case holding <failure message type>text</failure>.

export interface JunitCase {
  classname: string;
  name: string;
  /** seconds */
  time?: number;
  failure?: { message: string; type: string; text?: string };
  /** extra detail CI shows with the case */
  output?: string;
}

export interface JunitSuite {
  name: string;
  /** seconds */
  time?: number;
  cases: JunitCase[];
}

// XML 1.0 §2.2 Char: tab, LF, CR and U+0020 upwards (minus surrogates and U+FFFE/U+FFFF).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
  return text.replace(NOT_XML_CHAR, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const seconds = (s: number | undefined): string => (s ?? 0).toFixed(3);

function caseXml(c: JunitCase): string {
  const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}" time="${seconds(c.time)}"`;
  const body: string[] = [];
  if (c.failure) {
    body.push(`      <failure message="${xmlEscape(c.failure.message)}" type="${xmlEscape(c.failure.type)}">${xmlEscape(c.failure.text ?? c.failure.message)}</failure>`);
  }
  if (c.output) body.push(`      <system-out>${xmlEscape(c.output)}</system-out>`);
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join("\n")}\n    </testcase>`;
}

export function junitXml(name: string, suites: readonly JunitSuite[]): string {
  const failures = (s: JunitSuite): number => s.cases.filter((c) => c.failure).length;
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failed = suites.reduce((n, s) => n + failures(s), 0);
  const time = suites.reduce((n, s) => n + (s.time ?? 0), 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlEscape(name)}" tests="${tests}" failures="${failed}" errors="0" time="${seconds(time)}">`,
  ];
  for (const s of suites) {
    const head = `  <testsuite name="${xmlEscape(s.name)}" tests="${s.cases.length}" failures="${failures(s)}" errors="0" skipped="0" time="${seconds(s.time)}"`;
    if (s.cases.length === 0) {
      lines.push(`${head}/>`);
      continue;
    }
    lines.push(`${head}>`, ...s.cases.map(caseXml), `  </testsuite>`);
  }
  lines.push(`</testsuites>`, "");
  return lines.join("\n");
}
