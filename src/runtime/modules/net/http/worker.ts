// Helper thread for synchronous k6/http calls: performs the exchanges of one call, posts the
// results on the call's port, then wakes the VU thread blocked in Atomics.wait.
import { workerData, type MessagePort } from "node:worker_threads";
import { Agents } from "./exchange.ts";
import { runAll } from "./run-all.ts";
import type { ExchangeSpec, Limits } from "./wire.ts";

interface Job {
  id: number;
  specs: ExchangeSpec[];
  limits: Limits;
}

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const signal = new Int32Array(flag);
const agents = new Agents();

port.on("message", (job: Job) => {
  void runAll(job.specs, job.limits, agents)
    .then((results) => port.postMessage({ id: job.id, results }))
    .catch((err: unknown) => port.postMessage({ id: job.id, failure: String(err) }))
    .finally(() => {
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    });
});
