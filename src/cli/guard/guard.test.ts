import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeProc } from "./fake-proc.test-helper.ts";
import { GeneratorGuard, guardOff, type LagMonitor } from "./guard.ts";

function fakeLag(values: number[]): LagMonitor {
  return { start() {}, stop() {}, takeP99Ms: () => values.shift() };
}

test("each tick records a sample in run.json's shape and warns once per kind on the warn stream", async () => {
  const p = new FakeProc();
  p.machine(0);
  p.proc(100, 1, 0, 0, { rssKb: 2048, fds: ["socket:[7]"], soft: 1000 });
  p.files.set("sys/net/ipv4/ip_local_port_range", "40000 40009\n");
  p.tcp(100, [{ remote: "0100007F:1F90", inode: 7 }]);
  const warned: string[] = [];
  let clock = Date.parse("2026-11-24T08:00:00Z");
  const g = new GeneratorGuard({
    reader: p, pid: 100, platform: "linux", intervalMs: 60_000, limits: { cpuSamples: 2 },
    lag: fakeLag([5, 150, 150]), warn: (m) => warned.push(m), now: () => new Date((clock += 1000)),
  });
  await g.start();
  for (let i = 1; i <= 3; i++) {
    p.machine(200 * i);
    p.proc(100, 1, 180 * i, 0, { rssKb: 2048, fds: ["socket:[7]"], soft: 1000 });
    await g.tick();
  }
  const r = await g.stop();
  assert.equal(r.intervalMs, 60_000);
  assert.deepEqual(r.samples[0], { t: "2026-11-24T08:00:01.000Z", cpuPercent: 90, rssBytes: 2048 * 1024, fds: 1, fdLimit: 1000, tcpSockets: 1, portRange: 10, eventLoopLagP99Ms: 5 });
  assert.equal(r.samples.length, 4, "three ticks and the last look at stop");
  assert.deepEqual(r.warnings.map((w) => [w.kind, w.firstAt]), [["cpu", "2026-11-24T08:00:02.000Z"], ["event-loop-lag", "2026-11-24T08:00:02.000Z"]]);
  assert.equal(r.trusted, false);
  assert.equal(warned.length, 2);
  assert.ok(warned.every((m) => m.startsWith("generator guard: ")));
});

test("a calm run is trusted; the timer samples on its own and stops", async () => {
  const p = new FakeProc();
  p.machine(0);
  p.proc(100, 1, 0, 0);
  let n = 0;
  const g = new GeneratorGuard({ reader: p, pid: 100, platform: "linux", intervalMs: 20, lag: fakeLag([]), onSample: () => void n++ });
  await g.start();
  const deadline = Date.now() + 5000;
  while (n < 2 && Date.now() < deadline) {
    p.machine(100 * (n + 1));
    await new Promise((r) => setTimeout(r, 20));
  }
  const r = await g.stop();
  const after = r.samples.length;
  assert.ok(after >= 2, `samples: ${after}`);
  assert.equal(r.trusted, true);
  assert.deepEqual(r.warnings, []);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(g.record().samples.length, after, "no sample after stop");
});

test("off Linux, or without /proc, the guard reports itself unavailable and untrusted without failing", async () => {
  const mac = new GeneratorGuard({ platform: "darwin", lag: fakeLag([]) });
  await mac.start();
  await mac.tick();
  const r = await mac.stop();
  assert.deepEqual(r.samples, []);
  assert.equal(r.trusted, false);
  assert.match(r.unavailable ?? "", /Linux only \(this is darwin\)/);
  const empty = new GeneratorGuard({ reader: new FakeProc(), pid: 1, platform: "linux", lag: fakeLag([]) });
  await empty.start();
  assert.match((await empty.stop()).unavailable ?? "", /cannot read \/proc/);
  assert.deepEqual(guardOff(1000, "switched off (--no-guard)"), { intervalMs: 1000, samples: [], warnings: [], trusted: false, unavailable: "switched off (--no-guard)" });
});

test("on this machine the real /proc yields this process's memory and open files", { skip: process.platform !== "linux" }, async () => {
  const g = new GeneratorGuard({ intervalMs: 60_000 });
  await g.start();
  await g.tick();
  const r = await g.stop();
  const s = r.samples[0]!;
  assert.ok(s.rssBytes > 10 * 1024 * 1024, `rss ${s.rssBytes}`);
  assert.ok(s.fds > 0 && s.fdLimit > 0, `fds ${s.fds}/${s.fdLimit}`);
  assert.ok(s.portRange > 0);
  assert.ok(s.cpuPercent >= 0 && s.cpuPercent <= 100);
});
