// Helper thread for synchronous k6/http calls of every VU on one thread: performs the exchanges
// of one call with that VU's keep-alive pool, posts the results, then wakes the blocked thread.
import { workerData, type MessagePort } from "node:worker_threads";
import { Agents } from "./exchange.ts";
import { runAll } from "./run-all.ts";
import type { ExchangeSpec, Limits } from "./wire.ts";

interface Job {
  id: number;
  /** connection pool owner: one keep-alive pool per VU */
  pool: number;
  specs: ExchangeSpec[];
  limits: Limits;
}

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const signal = new Int32Array(flag);
const pools = new Map<number, Agents>();
const agentsFor = (pool: number): Agents => {
  let agents = pools.get(pool);
  if (agents === undefined) pools.set(pool, (agents = new Agents()));
  return agents;
};

port.on("message", (job: Job) => {
  void runAll(job.specs, job.limits, agentsFor(job.pool))
    .then((results) => port.postMessage({ id: job.id, results }))
    .catch((err: unknown) => port.postMessage({ id: job.id, failure: String(err) }))
    .finally(() => {
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    });
});
