import { test } from "node:test";
import assert from "node:assert/strict";
import { isPing, Pinger, pingRequest, type PingEvent } from "./ping.ts";
import { FakeClock } from "./fakes.ts";
import { parse } from "../xml/index.ts";
import { OptionError, TimeoutError, type XmppError } from "./errors.ts";

test("ping request and recognition (XEP-0199 §4)", () => {
  assert.equal(pingRequest("p1", "d").toString(), `<iq xmlns="jabber:client" type="get" id="p1" to="d"><ping xmlns="urn:xmpp:ping"/></iq>`);
  assert.ok(isPing(parse(`<iq type="get" id="1"><ping xmlns="urn:xmpp:ping"/></iq>`)));
  assert.ok(!isPing(parse(`<iq type="set" id="1"><ping xmlns="urn:xmpp:ping"/></iq>`)));
  assert.ok(!isPing(parse(`<iq type="get" id="1"><ping xmlns="urn:other"/></iq>`)));
});

function pinger(options = { intervalMs: 100, timeoutMs: 50, maxMisses: 3 }) {
  const clock = new FakeClock();
  const events: PingEvent[] = [];
  const outstanding: Array<(e: XmppError | undefined) => void> = [];
  const p = new Pinger(
    {
      clock,
      ping: (ms, done) => {
        outstanding.push(done);
        clock.setTimeout(() => done(new TimeoutError("ping", ms)), ms);
      },
      report: (e) => events.push(e),
    },
    options,
  );
  return { clock, events, outstanding, p };
}

test("a miss streak is reset by a reply; the stream is dead only after maxMisses in a row", () => {
  const { clock, events, outstanding, p } = pinger();
  p.start();
  clock.advance(150); // ping 1 at 100, timeout at 150
  clock.advance(50); // ping 2 at 200
  clock.advance(5);
  outstanding[1]!(undefined);
  clock.advance(45);
  assert.deepEqual(events.map((e) => e.kind), ["ping_miss", "ping"]);
  assert.deepEqual(events[1], { kind: "ping", rttMs: 5 });
  clock.advance(300);
  assert.deepEqual(events.slice(2).map((e) => e.kind), ["ping_miss", "ping_miss", "ping_miss", "ping_dead"]);
  assert.equal(p.running, false);
});

test("no overlapping pings when the timeout exceeds the interval", () => {
  const { clock, outstanding, p } = pinger({ intervalMs: 10, timeoutMs: 100, maxMisses: 2 });
  p.start();
  clock.advance(50);
  assert.equal(outstanding.length, 1);
  clock.advance(60); // timeout at 110 → next ping at once
  assert.equal(outstanding.length, 2);
});

test("stop() ignores the ping in flight and disarms the interval timer", () => {
  const { clock, events, outstanding, p } = pinger();
  p.start();
  clock.advance(100);
  p.stop();
  outstanding[0]!(undefined);
  assert.deepEqual(events, []);
  clock.advance(1000);
  assert.equal(outstanding.length, 1);
});

test("invalid options name the field", () => {
  assert.throws(() => pinger({ intervalMs: 0, timeoutMs: 1, maxMisses: 1 }), (e: unknown) => e instanceof OptionError && e.option === "ping.intervalMs");
  assert.throws(() => pinger({ intervalMs: 1, timeoutMs: 1, maxMisses: Number.NaN }), (e: unknown) => e instanceof OptionError && e.option === "ping.maxMisses");
});
