import assert from "node:assert/strict";
import { test } from "node:test";
import type { VuHost } from "../vu-host.ts";
import { TagMerger } from "./tag-merge.ts";

const host = { realm: globalThis } as unknown as VuHost;

test("tag merge: the script's tags override the VU's; equal tag sets share one object until the base changes", () => {
  const m = new TagMerger();
  const base = { scenario: "default", phase: "base" };
  const a = m.merge(host, base, { phase: "idle", n: 1 });
  assert.deepEqual(a, { scenario: "default", phase: "idle", n: "1" });
  assert.deepEqual(Object.keys(a), ["scenario", "phase", "n"], "the VU's tags first, as k6 orders them");
  assert.equal(m.merge(host, base, { phase: "idle", n: "1" }), a, "same names and values: the same object");
  const b = m.merge(host, base, { phase: "load" });
  assert.notEqual(b, a);
  assert.equal(a.phase, "idle", "an emitted tag set never changes");
  assert.equal(m.merge(host, base, undefined), base);
  assert.equal(m.merge(host, base, null), base);
  const other = { scenario: "other" };
  assert.deepEqual(m.merge(host, other, { phase: "idle", n: 1 }), { scenario: "other", phase: "idle", n: "1" }, "a new base: merged again");
});

test("tag merge: values that are not string, number or boolean throw a realm TypeError naming the tag", () => {
  const m = new TagMerger();
  assert.throws(() => m.merge(host, {}, { ok: "x", bad: { nested: true } }), (e: unknown) => e instanceof TypeError && /metric tag 'bad'/.test(e.message));
  assert.throws(() => m.merge(host, {}, "phase=idle"), (e: unknown) => e instanceof TypeError && /tags must be an object/.test(e.message));
});

test("tag merge: many distinct tag sets stay correct past the cache size", () => {
  const m = new TagMerger();
  const base = { scenario: "s" };
  for (let i = 0; i < 600; i++) assert.equal(m.merge(host, base, { id: i }).id, String(i));
  assert.equal(m.merge(host, base, { id: 5 }).id, "5");
});
