import { test } from "node:test";
import assert from "node:assert/strict";
import { FinesseApiError, FinesseParseError } from "../finesse/index.ts";
import { ConnectionClosedError, SaslError, StreamError, TimeoutError } from "../xmpp/index.ts";
import { AgentError, Expectation, backoffDelay, errorTags, formatRequestId, parseRequestId, type Outcome } from "./index.ts";
import { ManualClock } from "./clock.test-helper.ts";

test("requestIds carry agent, sequence and trigger time, and parse back (agent ids may contain dashes)", () => {
  const id = formatRequestId({ agentId: "agent-7.x", seq: 12, epochMs: 1_700_000_000_123.6 });
  assert.equal(id, "fl-agent-7.x-12-1700000000124");
  assert.deepEqual(parseRequestId(id), { agentId: "agent-7.x", seq: 12, epochMs: 1_700_000_000_124 });
  for (const other of ["", "xyz", "fl-1001-x-5", "fl--1-2", "7c9e6679-7425-40de-944b-e07fc1f90ae7"]) assert.equal(parseRequestId(other), undefined, other);
});

test("backoff doubles from the initial delay up to the cap, jittered within ±jitter", () => {
  const p = { initialDelayMs: 1_000, maxDelayMs: 15_000, jitter: 0.5 };
  assert.deepEqual([0, 1, 2, 3, 4, 5, 40].map((a) => backoffDelay({ ...p, jitter: 0 }, a, Math.random)), [1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  assert.equal(backoffDelay(p, 1, () => 0), 1_000);
  assert.equal(backoffDelay(p, 1, () => 0.999_999), 3_000);
  assert.equal(backoffDelay(p, 1, () => 0.5), 2_000);
});

test("errors map to harness_errors kind and condition", () => {
  assert.deepEqual(errorTags(new SaslError("not-authorized")), { kind: "sasl", condition: "not-authorized" });
  assert.deepEqual(errorTags(new StreamError("conflict")), { kind: "stream", condition: "conflict" });
  assert.deepEqual(errorTags(new TimeoutError("bind", 10)), { kind: "timeout", condition: "bind" });
  assert.deepEqual(errorTags(new ConnectionClosedError(1006, "")), { kind: "closed", condition: "1006" });
  assert.deepEqual(errorTags(new ConnectionClosedError(undefined, "")), { kind: "closed", condition: "no_code" });
  assert.deepEqual(errorTags(new FinesseApiError(401, "Authorization Failure", "bad")), { kind: "finesse_api", condition: "Authorization Failure" });
  assert.deepEqual(errorTags(new FinesseApiError(503, "", "")), { kind: "finesse_api", condition: "http_503" });
  assert.deepEqual(errorTags(new FinesseParseError("bad-xml", "x")), { kind: "finesse_parse", condition: "bad-xml" });
  assert.deepEqual(errorTags(new AgentError("http", "no_response", "x")), { kind: "http", condition: "no_response" });
  assert.deepEqual(errorTags(new TypeError("x")), { kind: "internal", condition: "TypeError" });
});

function expectation(clock: ManualClock, timeoutMs = 1_000) {
  const log: string[] = [];
  const outcomes: Outcome[] = [];
  const e = new Expectation(clock, timeoutMs, { state: "READY", requestId: "r1", triggerAt: clock.now() }, () => log.push("expected"), (o) => outcomes.push(o));
  return { e, log, outcomes };
}

test("an expectation reports the latency once, after both the acceptance and the event, in either order", async () => {
  const clock = new ManualClock();
  const a = expectation(clock);
  clock.advance(30);
  assert.equal(a.e.receive(), true); // event before the 202
  assert.deepEqual(a.outcomes, []);
  a.e.confirm();
  assert.deepEqual(a.log, ["expected"]);
  assert.deepEqual(a.outcomes, [30]);
  assert.equal(await a.e.done, 30);
  assert.equal(a.e.receive(), false);

  const b = expectation(clock);
  b.e.confirm();
  clock.advance(12);
  b.e.receive();
  assert.deepEqual(b.outcomes, [12]);
});

test("an expectation not settled within the timeout is lost; a cancelled one reports nothing", async () => {
  const clock = new ManualClock();
  const a = expectation(clock, 500);
  a.e.confirm();
  clock.advance(499);
  assert.deepEqual(a.outcomes, []);
  clock.advance(1);
  assert.deepEqual(a.outcomes, [undefined]);
  assert.equal(a.e.receive(), false, "a late event does not count");
  assert.deepEqual(a.outcomes, [undefined]);

  const b = expectation(clock, 500);
  b.e.cancel();
  clock.advance(1_000);
  assert.deepEqual(b.log, []);
  assert.deepEqual(b.outcomes, []);
  assert.equal(await b.e.done, undefined);
});
