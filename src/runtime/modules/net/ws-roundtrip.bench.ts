// Benchmark (not a test): WebSocket echo round trips through k6/websockets vs a bare `ws` client
// in the same process, against a loopback echo server on its own thread.
// Run: node --import tsx src/runtime/modules/net/ws-roundtrip.bench.ts [roundTrips]
import { Worker } from "node:worker_threads";
import WebSocket from "ws";
import { websocketsModule } from "./index.ts";
import { FakeHost } from "./test-host.ts";

const ROUND_TRIPS = Math.min(Number(process.argv[2] ?? 10_000) || 10_000, 1_000_000);
const PAYLOAD = "x".repeat(64);
const ROUNDS = 5;

function medians(rows: [string, number][]): [string, number][] {
  const by = new Map<string, number[]>();
  for (const [name, v] of rows) by.set(name, [...(by.get(name) ?? []), v]);
  return [...by].map(([name, vs]) => [name, vs.sort((a, b) => a - b)[Math.floor(vs.length / 2)]!]);
}

const SERVER = `
const { parentPort } = require("node:worker_threads");
const { WebSocketServer } = require(${JSON.stringify(new URL("../../../../node_modules/ws/index.js", import.meta.url).pathname)});
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
wss.on("connection", (ws) => ws.on("message", (d, binary) => {
  const m = /^burst (\\d+)$/.exec(d.toString());
  if (m) { for (let i = 0; i < Number(m[1]); i++) ws.send("${"y".repeat(64)}"); }
  else ws.send(d, { binary });
}));
wss.on("listening", () => parentPort.postMessage(wss.address().port));
parentPort.on("message", () => { for (const c of wss.clients) c.terminate(); wss.close(); parentPort.close(); });
`;

function bare(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let left = ROUND_TRIPS;
    let start = 0;
    ws.on("open", () => {
      start = performance.now();
      ws.send(PAYLOAD);
    });
    ws.on("message", () => {
      if (--left > 0) ws.send(PAYLOAD);
      else {
        const ms = performance.now() - start;
        ws.close();
        resolve(ms);
      }
    });
    ws.on("error", reject);
  });
}

async function viaModule(url: string, dispatch: "sync" | "immediate"): Promise<number> {
  const host = new FakeHost({ dispatch });
  const { WebSocket: K6WebSocket } = websocketsModule(host) as { WebSocket: new (u: string) => Record<string, unknown> & { send(d: string): void; close(): void } };
  const ws = new K6WebSocket(url);
  let left = ROUND_TRIPS;
  let start = 0;
  let ms = 0;
  ws.onopen = () => {
    start = performance.now();
    ws.send(PAYLOAD);
  };
  ws.onmessage = () => {
    if (--left > 0) ws.send(PAYLOAD);
    else {
      ms = performance.now() - start;
      ws.close();
    }
  };
  await host.idle(120_000);
  if (host.metric("ws_msgs_received").length !== ROUND_TRIPS) throw new Error("round trips lost");
  return ms;
}

/** Messages per second received when the server pushes `count` frames back to back. */
function bareBurst(url: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let got = 0;
    let start = 0;
    ws.on("open", () => {
      start = performance.now();
      ws.send(`burst ${count}`);
    });
    ws.on("message", () => {
      if (++got === count) {
        const ms = performance.now() - start;
        ws.close();
        resolve((count * 1000) / ms);
      }
    });
    ws.on("error", reject);
  });
}

async function moduleBurst(url: string, count: number): Promise<number> {
  const host = new FakeHost({ dispatch: "immediate" });
  const { WebSocket: K6WebSocket } = websocketsModule(host) as { WebSocket: new (u: string) => Record<string, unknown> & { send(d: string): void; close(): void } };
  const ws = new K6WebSocket(url);
  let got = 0;
  let start = 0;
  let rate = 0;
  ws.onopen = () => {
    start = performance.now();
    ws.send(`burst ${count}`);
  };
  ws.onmessage = () => {
    if (++got === count) {
      rate = (count * 1000) / (performance.now() - start);
      ws.close();
    }
  };
  await host.idle(120_000);
  return rate;
}

async function main(): Promise<void> {
  const server = new Worker(SERVER, { eval: true });
  const port = await new Promise<number>((r) => server.once("message", r));
  const url = `ws://127.0.0.1:${port}/`;
  const rows: [string, number][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rows.push(["bare ws", await bare(url)]);
    rows.push(["k6/websockets (sync dispatch)", await viaModule(url, "sync")]);
    rows.push(["k6/websockets (setImmediate dispatch)", await viaModule(url, "immediate")]);
  }
  const BURST = 100_000;
  const bursts: [string, number][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bursts.push(["bare ws", await bareBurst(url, BURST)]);
    bursts.push(["k6/websockets (setImmediate dispatch)", await moduleBurst(url, BURST)]);
  }
  server.postMessage("stop");
  console.log(`${ROUND_TRIPS} echo round trips of ${PAYLOAD.length} bytes, Node ${process.version}, median of ${ROUNDS} alternating runs`);
  for (const [name, ms] of medians(rows)) console.log(`${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${((ms * 1000) / ROUND_TRIPS).toFixed(1).padStart(6)} µs/round trip`);
  console.log(`receive rate, server pushing ${BURST} frames of 64 bytes:`);
  for (const [name, rate] of medians(bursts)) console.log(`${name.padEnd(40)} ${rate.toFixed(0).padStart(8)} msgs/s`);
  await server.terminate();
}

await main();
