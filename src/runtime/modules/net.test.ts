import assert from "node:assert/strict";
import { once } from "node:events";
import { test } from "node:test";
import { WebSocketServer } from "ws";
import { fixtureVu, iteration, NEVER } from "./test-vu.ts";

async function echoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(wss, "listening");
  wss.on("connection", (socket) => socket.on("message", (data, binary) => socket.send(data, { binary })));
  const { port } = wss.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    }),
  };
}

test("a k6/websockets session keeps the iteration alive until the socket closes", async () => {
  const server = await echoServer();
  try {
    const t = await fixtureVu("websocket.js", 1, { env: { WS_URL: server.url } });
    const outcome = await t.vu.runIteration(iteration(), NEVER);
    assert.equal(outcome.status, "completed");
    assert.equal(outcome.error, undefined);
    const checks = t.samples.filter((s) => s.metric === "checks");
    assert.deepEqual(checks.map((s) => [s.tags.check, s.value]), [["echoed", 1]]);
    const names = new Set(t.samples.map((s) => s.metric));
    for (const m of ["ws_sessions", "ws_connecting", "ws_session_duration", "iterations"]) assert.ok(names.has(m), m);
    const sent = t.samples.find((s) => s.metric === "data_sent");
    assert.ok(sent && sent.value > 0, "bytes on the socket are flushed as data_sent at iteration end");
  } finally {
    await server.close();
  }
});

test("interrupting an iteration with an open socket closes it and yields interrupted", async () => {
  const server = await echoServer();
  try {
    const t = await fixtureVu("websocket.js", 1, { env: { WS_URL: server.url } });
    const stop = new AbortController();
    const done = t.vu.runIteration(iteration("stayOpen"), stop.signal);
    await new Promise((r) => setTimeout(r, 150));
    stop.abort();
    const outcome = await done;
    assert.equal(outcome.status, "interrupted");
    assert.ok(!t.samples.some((s) => s.metric === "iterations"));
    assert.ok(!t.samples.some((s) => s.metric === "ws_session_duration"), "late samples are discarded");
  } finally {
    await server.close();
  }
});
