import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeProc } from "./fake-proc.test-helper.ts";
import { busiestDestination, formatTcpAddress, SamplerError, TreeSampler } from "./sampler.ts";

const SIM = "0100007F:1F90"; // 127.0.0.1:8080

test("CPU is the tree's tick delta over the machine's tick delta; unrelated processes do not count", async () => {
  const p = new FakeProc();
  p.machine(10_000);
  p.proc(100, 1, 50, 50); // root
  p.proc(101, 100, 10, 0); // child
  p.proc(102, 101, 0, 0); // grandchild
  p.proc(200, 1, 5000, 0); // someone else
  const s = new TreeSampler(p, 100);
  const first = await s.sample();
  assert.equal(first.cpuPercent, undefined);
  assert.deepEqual(first.pids.sort(), [100, 101, 102]);
  // one second on a 2-core machine at 100 ticks/s = 200 machine ticks; the tree used 150
  p.machine(10_200);
  p.proc(100, 1, 150, 50);
  p.proc(101, 100, 50, 0);
  p.proc(102, 101, 0, 10);
  p.proc(200, 1, 5200, 0);
  const second = await s.sample();
  assert.equal(second.cpuPercent, 75);
});

test("between full scans only the tree's own files are read; a new child is found by the next scan", async () => {
  const p = new FakeProc();
  p.machine(1000);
  p.proc(100, 1, 10, 0);
  const s = new TreeSampler(p, 100, 3);
  await s.sample(); // full scan
  p.proc(104, 100, 0, 0);
  const reads: string[] = [];
  const read = p.read.bind(p);
  p.read = (path: string) => (reads.push(path), read(path));
  assert.deepEqual((await s.sample()).pids, [100], "look 2: the known tree only");
  assert.ok(!reads.includes("104/stat") && !reads.includes("1/stat"), reads.join(","));
  assert.deepEqual((await s.sample()).pids, [100]);
  assert.deepEqual((await s.sample()).pids.sort(), [100, 104], "look 4: a full scan again");
});

test("a child started between samples counts from zero; one that ended drops out", async () => {
  const p = new FakeProc();
  p.machine(1000);
  p.proc(100, 1, 10, 0);
  p.proc(101, 100, 40, 0);
  const s = new TreeSampler(p, 100);
  await s.sample();
  p.machine(1400);
  p.proc(100, 1, 30, 0);
  p.files.delete("101/stat");
  p.proc(103, 100, 20, 0);
  const r = await s.sample();
  assert.equal(r.cpuPercent, 10); // (20 + 20) / 400
  assert.deepEqual(r.pids.sort(), [100, 103]);
});

test("RSS is summed over the tree; fds and the limit come from the process closest to its soft limit", async () => {
  const p = new FakeProc();
  p.machine(1000);
  p.proc(100, 1, 0, 0, { rssKb: 1000, fds: Array(600).fill("/dev/null"), soft: 4096, hard: 8192 });
  p.proc(101, 100, 0, 0, { rssKb: 500, fds: Array(900).fill("/dev/null"), soft: 1024, hard: 2048 });
  const r = await new TreeSampler(p, 100).sample();
  assert.equal(r.rssBytes, 1500 * 1024);
  assert.deepEqual([r.fds, r.fdLimit, r.fdHardLimit], [900, 1024, 2048]);
});

test("TCP: sockets per destination the tree is connected to, counting TIME_WAIT and other owners, never LISTEN", async () => {
  const p = new FakeProc();
  p.machine(1000);
  p.proc(100, 1, 0, 0, { fds: ["socket:[1]", "socket:[2]", "/dev/null"] });
  p.proc(101, 100, 0, 0, { fds: ["socket:[3]"] });
  p.files.set("sys/net/ipv4/ip_local_port_range", "32768\t60999\n");
  p.tcp(100, [
    { remote: SIM, inode: 1 },
    { remote: SIM, inode: 3 },
    { remote: SIM, state: "06", inode: 0 }, // TIME_WAIT, no owner
    { remote: SIM, inode: 999 }, // another process to the same destination
    { remote: "0200007F:0050", inode: 2 },
    { remote: "0300007F:0050", inode: 500 }, // not ours at all
    { remote: "0300007F:0050", inode: 501 },
    { remote: "00000000:0000", state: "0A", inode: 2 },
  ]);
  const r = await new TreeSampler(p, 100).sample();
  assert.equal(r.tcpSockets, 4);
  assert.equal(r.fds, 3, "open files of the root, the process closest to its limit");
  assert.equal(r.destination, SIM);
  assert.equal(r.portRange, 28232);
  assert.equal(formatTcpAddress(SIM), "127.0.0.1:8080");
  assert.deepEqual(busiestDestination([], new Set()), { remote: undefined, count: 0 });
});

test("a destination once seen stays counted after the tree's sockets to it close (TIME_WAIT holds the ports)", async () => {
  const p = new FakeProc();
  p.machine(1000);
  p.proc(100, 1, 0, 0, { fds: ["socket:[1]"] });
  p.tcp(100, [{ remote: SIM, inode: 1 }]);
  const s = new TreeSampler(p, 100, 1);
  assert.equal((await s.sample()).tcpSockets, 1);
  p.proc(100, 1, 0, 0, { fds: [] });
  p.tcp(100, [{ remote: SIM, state: "06", inode: 0 }, { remote: SIM, state: "06", inode: 0 }, { remote: "0300007F:0050", state: "06", inode: 0 }]);
  const later = await s.sample();
  assert.deepEqual([later.tcpSockets, later.destination, later.fds], [2, SIM, 0]);
});

test("a missing root process or /proc/stat is a SamplerError", async () => {
  const p = new FakeProc();
  p.proc(100, 1, 0, 0);
  await assert.rejects(new TreeSampler(p, 100).sample(), (e: unknown) => e instanceof SamplerError && /\/proc\/stat/.test(e.message));
  p.machine(1000);
  await assert.rejects(new TreeSampler(p, 7).sample(), (e: unknown) => e instanceof SamplerError && e.kind === "unreadable" && /\/proc\/7\/stat/.test(e.message));
});

test("the TCP tables are read on full looks only, and on every look once a destination holds a quarter of the port range", async () => {
  const p = new FakeProc();
  p.machine(1000);
  p.proc(100, 1, 0, 0, { fds: ["socket:[1]"] });
  p.files.set("sys/net/ipv4/ip_local_port_range", "10000\t10999\n"); // 1,000 ports
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ remote: SIM, inode: i + 1 }));
  p.tcp(100, rows(1));
  let tableReads = 0;
  const readLarge = p.readLarge.bind(p);
  p.readLarge = (path: string) => (path.endsWith("net/tcp") && tableReads++, readLarge(path));
  const s = new TreeSampler(p, 100, 3);
  assert.equal((await s.sample()).tcpSockets, 1); // look 1: full
  p.tcp(100, rows(300));
  assert.equal((await s.sample()).tcpSockets, 1, "look 2: the count of the last full look");
  assert.equal((await s.sample()).tcpSockets, 1);
  assert.equal(tableReads, 1);
  assert.equal((await s.sample()).tcpSockets, 300, "look 4: full");
  p.tcp(100, rows(301));
  assert.equal((await s.sample()).tcpSockets, 301, "look 5: 300 of 1,000 ports is near, so every look reads");
  assert.equal(tableReads, 3);
});
