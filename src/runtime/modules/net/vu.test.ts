// k6/websockets and k6/http inside a real VU (src/runtime/vu) running a k6 script.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { IterationRequest, Sample } from "../../contracts.ts";
import { createVu, memoryLogger, type InThreadVu } from "../../vu/index.ts";
import { startHttpServer, type HttpTestServer } from "./http/http-server.test-helper.ts";
import { startWsServer, type TestServer } from "./ws/ws-server.test-helper.ts";

let ws: TestServer;
let web: HttpTestServer;
before(async () => {
  ws = await startWsServer();
  web = await startHttpServer();
});
after(async () => {
  await ws.close();
  await web.close();
});

function request(exec: string, n = 0): IterationRequest {
  return {
    scenario: { name: "agents", executor: "shared-iterations", exec, startTime: Date.now(), env: {}, tags: { scenario: "agents" } },
    iterationInScenario: n,
    iterationInTest: n,
    progress: 0,
  };
}

async function agentVu(): Promise<{ vu: InThreadVu; samples: Sample[] }> {
  const samples: Sample[] = [];
  const vu = await createVu({
    script: join(import.meta.dirname, "fixtures", "agent.js"),
    id: 1,
    sink: { add: (s) => void samples.push(s) },
    logger: memoryLogger(),
    env: { WS_URL: ws.url("").replace(/\/$/, ""), BASE: web.http("") },
  });
  return { vu, samples };
}

const NEVER = new AbortController().signal;
const checks = (samples: Sample[]): [string, number][] => samples.filter((s) => s.metric === "checks").map((s) => [s.tags.check!, s.value]);

describe("net modules in a VU", () => {
  test("a WebSocket session: events, ping/pong, subprotocol, ws_* metrics with scenario and custom tags", async () => {
    const { vu, samples } = await agentVu();
    const outcome = await vu.runIteration(request("session"), NEVER);
    assert.equal(outcome.status, "completed");
    assert.equal(outcome.error, undefined);
    assert.deepEqual(checks(samples), [["echoed", 1], ["clean close", 1], ["negotiated", 1], ["ponged", 1]]);
    const session = samples.find((s) => s.metric === "ws_sessions")!;
    assert.equal(session.tags.agent, "a1");
    assert.equal(session.tags.scenario, "agents");
    assert.equal(session.tags.subproto, "chat");
    assert.equal(samples.filter((s) => s.metric === "ws_ping").length, 1);
    assert.equal(samples.filter((s) => s.metric === "ws_msgs_sent").length, 3, "ping, data and close frames");
    await vu.close();
  });

  test("a throwing handler ends the iteration with its error and closes the socket", async () => {
    const { vu } = await agentVu();
    const outcome = await vu.runIteration(request("throwing"), NEVER);
    assert.match(outcome.error ?? "", /handler failed/);
    await vu.close();
  });

  test("the cookie jar is fresh at each iteration", async () => {
    const { vu, samples } = await agentVu();
    for (let i = 0; i < 2; i++) assert.equal((await vu.runIteration(request("cookies", i), NEVER)).error, undefined);
    assert.deepEqual(checks(samples), [["fresh jar", 1], ["cookie set", 1], ["fresh jar", 1], ["cookie set", 1]]);
    await vu.close();
  });

  test("batch and asyncRequest feeding a WebSocket", async () => {
    const { vu, samples } = await agentVu();
    assert.equal((await vu.runIteration(request("batchAll"), NEVER)).error, undefined);
    assert.equal((await vu.runIteration(request("mixed", 1), NEVER)).error, undefined);
    assert.deepEqual(checks(samples), [["batch", 1], ["relayed", 1]]);
    const named = samples.filter((s) => s.metric === "http_reqs" && s.tags.name === "json");
    assert.equal(named.length, 1);
    await vu.close();
  });
});
