import { test } from "node:test";
import assert from "node:assert/strict";
import { LimitChecker, type LimitSample } from "./limits.ts";

const calm: LimitSample = { cpuPercent: 10, fds: 10, fdLimit: 1000, fdHardLimit: 4000, tcpSockets: 5, destination: "0100007F:1F90", portRange: 1000, eventLoopLagP99Ms: 3 };

test("CPU warns only after the configured number of busy samples in a row, and once", () => {
  const c = new LimitChecker({ cpuPercent: 80, cpuSamples: 3, fdRatio: 0.8, portRatio: 0.8, lagP99Ms: 100 });
  const busy = { ...calm, cpuPercent: 95 };
  assert.deepEqual(c.check(busy, "t1"), []);
  assert.deepEqual(c.check(busy, "t2"), []);
  assert.deepEqual(c.check({ ...calm, cpuPercent: 80 }, "t3"), [], "exactly at the bound is not above it, and resets the run");
  assert.deepEqual(c.check(busy, "t4"), []);
  assert.deepEqual(c.check(busy, "t5"), []);
  const raised = c.check(busy, "t6");
  assert.equal(raised.length, 1);
  assert.equal(raised[0]!.kind, "cpu");
  assert.equal(raised[0]!.firstAt, "t6");
  assert.match(raised[0]!.message, /above 80 % .* 3 samples in a row \(now 95 %\)/);
  assert.deepEqual(c.check(busy, "t7"), [], "raised once per kind");
  assert.equal(c.warnings.length, 1);
});

test("open files, ports and event-loop lag warn above their bounds and name the numbers", () => {
  const c = new LimitChecker();
  assert.deepEqual(c.check({ ...calm, fds: 800, tcpSockets: 800, eventLoopLagP99Ms: 100 }, "t0"), [], "at 80 % and 100 ms: no warning");
  const raised = c.check({ ...calm, fds: 801, tcpSockets: 801, eventLoopLagP99Ms: 140 }, "t1");
  assert.deepEqual(raised.map((w) => w.kind), ["fds", "ports", "event-loop-lag"]);
  assert.match(raised[0]!.message, /open files 801 of the soft limit 1000 .*hard limit 4000/);
  assert.match(raised[1]!.message, /801 TCP sockets to 127\.0\.0\.1:8080 of 1000 ephemeral ports/);
  assert.match(raised[2]!.message, /p99 140 ms \(above 100 ms\)/);
});

test("an unlimited fd limit, an unknown port range or a missing lag never warn", () => {
  const c = new LimitChecker();
  assert.deepEqual(c.check({ ...calm, fds: 1e6, fdLimit: Infinity, tcpSockets: 1e6, portRange: 0, eventLoopLagP99Ms: undefined, cpuPercent: undefined }, "t"), []);
});
