import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, type Element } from "../xml/index.ts";
import { Requests } from "./requests.ts";
import { FakeClock } from "./fakes.ts";
import { ConnectionClosedError, StanzaError, TimeoutError, type XmppError } from "./errors.ts";

function record() {
  const calls: Array<[XmppError | undefined, Element | undefined]> = [];
  return { calls, cb: (e: XmppError | undefined, r: Element | undefined) => calls.push([e, r]) };
}

test("a result settles once and clears its timer", () => {
  const clock = new FakeClock();
  const r = new Requests(clock);
  const { calls, cb } = record();
  r.add("1", "d", "iq", 1000, cb);
  assert.equal(clock.pending, 1);
  const reply = parse(`<iq type="result" id="1" from="d"/>`);
  assert.equal(r.settle(reply, "result", "1", "d"), true);
  assert.equal(r.settle(reply, "result", "1", "d"), false, "a second reply matches nothing");
  assert.equal(clock.pending, 0);
  assert.equal(r.size, 0);
  assert.deepEqual(calls, [[undefined, reply]]);
});

test("error replies become StanzaError; replies from an unexpected sender are ignored; absent from is accepted", () => {
  const r = new Requests(new FakeClock());
  const { calls, cb } = record();
  r.add("1", "pubsub.d", "subscribe", 1000, cb);
  assert.equal(r.settle(parse(`<iq type="error" id="1"/>`), "error", "1", "u@d"), false);
  assert.equal(r.settle(parse(`<iq type="error" id="1"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`), "error", "1", "PubSub.D"), true);
  assert.ok(calls[0]![0] instanceof StanzaError && calls[0]![0].condition === "forbidden");
  r.add("2", "pubsub.d", "x", 1000, cb);
  assert.equal(r.settle(parse(`<iq type="result" id="2"/>`), "result", "2", undefined), true);
});

test("timeouts reject with TimeoutError naming the wait; late replies are ignored", () => {
  const clock = new FakeClock();
  const r = new Requests(clock);
  const { calls, cb } = record();
  r.add("1", undefined, "bind", 500, cb);
  clock.advance(499);
  assert.equal(calls.length, 0);
  clock.advance(1);
  assert.ok(calls[0]![0] instanceof TimeoutError && calls[0]![0].phase === "bind" && calls[0]![0].ms === 500);
  assert.equal(r.settle(parse(`<iq type="result" id="1"/>`), "result", "1", undefined), false);
  assert.equal(calls.length, 1);
});

test("cancelAll fails every pending request and clears every timer", async () => {
  const clock = new FakeClock();
  const r = new Requests(clock);
  const { calls, cb } = record();
  r.add("1", undefined, "a", 500, cb);
  const p = r.wait("2", undefined, "b", 500);
  const err = new ConnectionClosedError(1006, "");
  r.cancelAll(err);
  assert.equal(clock.pending, 0);
  assert.equal(calls[0]![0], err);
  await assert.rejects(p, (e: unknown) => e === err);
  assert.throws(() => {
    r.add("3", undefined, "a", 1, cb);
    r.add("3", undefined, "a", 1, cb);
  }, /already pending/);
});

test("wait() resolves with the result element", async () => {
  const r = new Requests(new FakeClock());
  const p = r.wait("x", undefined, "iq", 100);
  const reply = parse(`<iq type="result" id="x"><a/></iq>`);
  r.settle(reply, "result", "x", undefined);
  assert.equal(await p, reply);
});
