// Entry point of a worker thread or child process that hosts VUs.
import { parentPort, workerData } from "node:worker_threads";
import { VuHostProcess, type Channel } from "./host.ts";
import type { FromHost, HostInit, ToHost } from "./protocol.ts";

function channel(): Channel {
  if (parentPort) {
    const port = parentPort;
    return {
      post: (m: FromHost) => port.postMessage(m),
      onMessage: (h) => port.on("message", h),
      close: () => port.close(),
    };
  }
  if (!process.send) throw new Error("host-entry must run as a worker thread or a forked child process");
  return {
    post: (m: FromHost) => void process.send!(m),
    onMessage: (h) => process.on("message", (m) => h(m as ToHost)),
    close: () => process.disconnect(),
  };
}

// A child process stops only when the scheduler says so: a terminal's Ctrl+C reaches the whole
// process group, and the main process handles it (graceful stop, teardown, summary).
if (!parentPort) process.on("SIGINT", () => {});
const host = new VuHostProcess(channel());
if (parentPort && workerData) await host.start(workerData as HostInit);
