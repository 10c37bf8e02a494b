import assert from "node:assert/strict";
import { once } from "node:events";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { readScriptInfo } from "../vu/index.ts";
import { fixtureVu, iteration, NEVER } from "./test-vu.ts";
import { join } from "node:path";

/** An HTTP server in a worker thread: synchronous requests block this thread. */
async function helloServer(): Promise<{ base: string; close(): Promise<void> }> {
  const worker = new Worker(
    `const { createServer } = require("node:http");
     const { parentPort } = require("node:worker_threads");
     const server = createServer((_req, res) => res.end("hello"));
     server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
    { eval: true },
  );
  const [port] = (await once(worker, "message")) as [number];
  return { base: `http://127.0.0.1:${port}`, close: async () => void (await worker.terminate()) };
}

test("k6/http in a VU: synchronous and async requests, http metrics, bytes flushed at iteration end", async () => {
  const server = await helloServer();
  try {
    const t = await fixtureVu("http.js", 1, { env: { BASE: server.base } });
    const sync = await t.vu.runIteration(iteration(), NEVER);
    assert.equal(sync.error, undefined);
    const viaAsync = await t.vu.runIteration(iteration("asyncGet", 1), NEVER);
    assert.equal(viaAsync.error, undefined);
    const checks = t.samples.filter((s) => s.metric === "checks");
    assert.deepEqual(checks.map((s) => [s.tags.check, s.value]), [["status 200", 1], ["body", 1], ["async status 200", 1]]);
    assert.equal(t.samples.filter((s) => s.metric === "http_reqs").length, 2);
    const received = t.samples.filter((s) => s.metric === "data_received");
    assert.equal(received.length, 2);
    assert.ok(received.every((s) => s.value > 0));
  } finally {
    await server.close();
  }
});

test("a script calling synchronous k6/http functions is reported as blocking", async () => {
  const info = await readScriptInfo(join(import.meta.dirname, "fixtures", "http.js"));
  assert.equal(info.blocking, true);
  assert.deepEqual(info.blockingImports, ["k6/http:*"]);
});
