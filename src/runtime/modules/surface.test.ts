import assert from "node:assert/strict";
import { test } from "node:test";
import { K6_MODULES } from "../surface.ts";
import { CORE_MODULES } from "./index.ts";

test("every implemented module is listed in surface.ts and every listed module is implemented", () => {
  const implemented = Object.keys(CORE_MODULES).sort();
  for (const name of implemented) assert.ok(K6_MODULES.includes(name), `${name} missing from surface.ts`);
  assert.deepEqual(K6_MODULES.filter((m) => !implemented.includes(m)), []);
});
