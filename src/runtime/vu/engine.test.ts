import assert from "node:assert/strict";
import { test } from "node:test";
import { MetricsEngine } from "../metrics/index.ts";
import { memoryLogger } from "./logger.ts";
import { fixture, never, request } from "./test-helpers.ts";
import { createVu } from "./create.ts";

test("VUs feed the metrics engine: custom metrics declared through it, built-ins recorded", async () => {
  const engine = new MetricsEngine();
  const logger = memoryLogger();
  const vus = await Promise.all([1, 2].map((id) =>
    createVu({ script: fixture("basic.js"), id, sink: engine, declarations: engine, logger })));
  for (const vu of vus) {
    await vu.runIteration(request(), never());
    await vu.runIteration(request(), never());
  }
  const count = (name: string): unknown => (engine.sink(name) as { count?: number } | undefined)?.count;
  assert.equal(count("iterations"), 4);
  assert.equal(count("basic_hits"), 4);
  assert.equal(engine.info("basic_hits")?.type, "counter");
  assert.equal(count("data_sent"), 0);
  assert.ok(engine.sink("checks"));
  assert.throws(() => engine.declare("basic_hits", "trend", "time"), /basic_hits/);
});
