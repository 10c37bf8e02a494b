import { test } from "node:test";
import assert from "node:assert/strict";
import { base64, FakeClock } from "./fakes.ts";

test("the fake base64 agrees with Node's on UTF-8 text and rejects bad input", () => {
  for (const s of ["", "a", "ab", "abc", "\u0000u\u0000p", "pässwörd✓", "😀 emoji"]) {
    assert.equal(base64.encode(s), Buffer.from(s, "utf8").toString("base64"), s);
    assert.equal(base64.decode(base64.encode(s)), s);
  }
  assert.throws(() => base64.decode("abc"), /multiple of 4/);
  assert.throws(() => base64.decode("ab=c"), /invalid base64/);
});

test("the fake clock fires due timers in order and counts pending ones", () => {
  const c = new FakeClock();
  const seen: string[] = [];
  c.setTimeout(() => seen.push("b"), 20);
  const h = c.setTimeout(() => seen.push("x"), 10);
  c.setTimeout(() => {
    seen.push("a");
    c.setTimeout(() => seen.push("c"), 5);
  }, 10);
  c.clearTimeout(h);
  assert.equal(c.pending, 2);
  c.advance(20);
  assert.deepEqual(seen, ["a", "c", "b"]);
  assert.equal(c.now(), 20);
  assert.equal(c.pending, 0);
});
