import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFileLimit, parseMachineCpu, parsePortRange, parseProcStat, parseRssBytes, parseTcpTable, socketInode } from "./proc-parse.ts";

test("stat: ppid and utime+stime counted after the last parenthesis of the command name", () => {
  const text = "4242 (node (worker) x) S 17 4242 17 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 11 0 999 0 0\n";
  assert.deepEqual(parseProcStat(text), { pid: 4242, ppid: 17, ticks: 325 });
  assert.equal(parseProcStat("garbage"), undefined);
});

test("/proc/stat: total of the eight time columns and the number of cores", () => {
  const text = "cpu  100 5 50 800 10 1 2 3 7 0\ncpu0 50 0 25 400 0 0 0 0 0 0\ncpu1 50 5 25 400 10 1 2 3 7 0\nintr 1\n";
  assert.deepEqual(parseMachineCpu(text), { totalTicks: 971, cores: 2 });
  assert.equal(parseMachineCpu("intr 1\n"), undefined);
});

test("status, limits, port range and the tcp table", () => {
  assert.equal(parseRssBytes("Name:\tnode\nVmRSS:\t   2048 kB\n"), 2048 * 1024);
  assert.equal(parseRssBytes("Name:\tkthread\n"), undefined);
  assert.deepEqual(parseFileLimit("Max open files            1024                 524288               files\n"), { soft: 1024, hard: 524288 });
  assert.deepEqual(parseFileLimit("Max open files            unlimited            unlimited            files\n"), { soft: Infinity, hard: Infinity });
  assert.equal(parsePortRange("32768\t60999\n"), 28232);
  assert.equal(parsePortRange("60999 32768"), undefined);
  const table = parseTcpTable(
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
      "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1 0 100 0 0 10 0\n" +
      "   1: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 222 1 0 20 4 30 10 -1\n",
  );
  assert.deepEqual(table, [{ remote: "00000000:0000", state: "0A", inode: 111 }, { remote: "0100007F:1F90", state: "01", inode: 222 }]);
  assert.equal(socketInode("socket:[222]"), 222);
  assert.equal(socketInode("/dev/null"), undefined);
});
