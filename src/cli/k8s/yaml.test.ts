import { test } from "node:test";
import assert from "node:assert/strict";
import { quoted, scalar, toYaml, toYamlDocuments, type YamlValue } from "./yaml.ts";
import { readYamlDocuments } from "./yaml-read.test-helper.ts";

const roundTrip = (v: YamlValue): YamlValue => readYamlDocuments(toYamlDocuments([v]))[0]!;

test("strings that YAML would read as something else are quoted; names stay plain", () => {
  for (const s of ["true", "No", "on", "y", "null", "~", "1.6", "0x1F", "", " lead", "a: b", "#x", "- x", "[a]", "{a}", "*x", "&x", "!x", "%x", "@x", "`x", "a #b", "é"]) {
    assert.match(scalar(s), /^"/, s);
  }
  for (const s of ["grafana/k6", "smoke.js", "finesse-smoke", "k6.io/v1alpha1", "TestRun"]) assert.equal(scalar(s), s);
  assert.equal(quoted('a"b\\c\u0007\u2028\u{1F600}'), '"a\\"b\\\\c\\u0007\\u2028\u{1F600}"');
});

test("every value shape survives a write and a read", () => {
  const value: YamlValue = {
    apiVersion: "k6.io/v1alpha1",
    "needs quoting": "yes",
    n: 3,
    f: -0.5,
    on: true,
    none: null,
    empty: [],
    nothing: {},
    list: ["a", 1, false, { name: "x", value: "1 2" }, ["nested", "list"], [], {}],
    deep: { deeper: { deepest: [{ a: { b: "c" } }] } },
    script: "import http from 'k6/http';\nexport default function () {\n\t// tabs, 'quotes', \"double\", # and : are content\n  return 1;   \n}\n",
    stripped: "line one\nline two",
    kept: "ends with blank lines\n\n\n",
    blankInside: "a\n\n  \nb\n",
    leadingSpace: "  indented first line\nsecond\n",
    carriageReturn: "a\r\nb\n",
    nonPrintable: "bell \u0007 and NEL \u0085\nline\n",
  };
  assert.deepEqual(roundTrip(value), value);
});

test("multi-line text is a literal block with the chomping that keeps its final line feeds", () => {
  const yaml = toYaml({ a: "x\ny\n", b: "x\ny", c: "x\n\n" });
  assert.equal(yaml, "a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\n");
});

test("several documents are separated by ---", () => {
  const docs: YamlValue[] = [{ kind: "ConfigMap" }, { kind: "Secret", list: [{ a: 1 }] }];
  const text = toYamlDocuments(docs);
  assert.equal(text, "---\nkind: ConfigMap\n---\nkind: Secret\nlist:\n  - a: 1\n");
  assert.deepEqual(readYamlDocuments(text), docs);
});

test("random text (line breaks, spaces, quotes, control and non-BMP characters) survives a write and a read", () => {
  // a fixed-seed generator (mulberry32), so a failure can be replayed
  let seed = 0x5eed;
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const alphabet = ["a", "Z", "0", " ", "  ", "\n", "\n\n", "\t", "\r", '"', "'", "\\", ":", "#", "-", "|", ">", "{", "[", "\u0000", "\u0085", "\u00e9", "\u2028", "\ufeff", "\u{1F600}", "true", "null", "1.5"];
  for (let i = 0; i < 400; i++) {
    let s = "";
    const len = Math.floor(rand() * 12);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
    const doc: YamlValue = { text: s, list: [s, { nested: s }], [s === "" ? "empty" : s]: 1 };
    assert.deepEqual(roundTrip(doc), doc, JSON.stringify(s));
  }
});
