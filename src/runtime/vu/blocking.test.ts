import assert from "node:assert/strict";
import { test } from "node:test";
import { blockingImports } from "./blocking.ts";
import { findDynamicImport } from "./scan.ts";

// Sources are assembled so that this file itself contains no import statement of k6.
const from = (clause: string, module: string): string => `${"imp" + "ort"} ${clause} from "${module}";`;

test("blocking imports: sleep and synchronous http functions, default and namespace imports", () => {
  assert.deepEqual(blockingImports(from("{ check, sleep as pause }", "k6")), ["k6:sleep"]);
  assert.deepEqual(blockingImports(from("{ check, group }", "k6")), []);
  assert.deepEqual(blockingImports(from("{ asyncRequest, expectedStatuses }", "k6/http")), []);
  assert.deepEqual(blockingImports(from("{ get,\n  post }", "k6/http")), ["k6/http:get", "k6/http:post"]);
  assert.deepEqual(blockingImports(from("http", "k6/http")), ["k6/http:*"]);
  assert.deepEqual(blockingImports(from("* as k6", "k6")), ["k6:*"]);
  assert.deepEqual(blockingImports(from("{ WebSocket }", "k6/websockets")), []);
  assert.deepEqual(blockingImports(`export { sleep } from "k6";`), ["k6:sleep"]);
  assert.deepEqual(blockingImports(`const s = "sleep from k6";`), []);
});

test("dynamic import detection skips strings, comments, templates and regexes", () => {
  assert.equal(findDynamicImport(`const a = 1;\nconst m = import("./x.js");`), 2);
  assert.equal(findDynamicImport(`await import ("./x.js")`), 1);
  assert.equal(findDynamicImport(`// import("x")\n/* import("y") */\nconst s = 'import("z")';`), 0);
  assert.equal(findDynamicImport("const t = `import(${1})`;"), 0);
  assert.equal(findDynamicImport(`const r = /import\\(/g; const d = 4 / 2;`), 0);
  assert.equal(findDynamicImport(`obj.import(1); const u = import.meta.url;`), 0);
});
