// Truly synchronous HTTP for the VU thread: the exchanges run on a helper thread while this
// thread blocks in Atomics.wait; the results come back through receiveMessageOnPort
// (k6 docs, javascript-api/k6-http: requests block the VU until the response arrives).
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { ExchangeResult, ExchangeSpec, Limits } from "./wire.ts";

export class HttpHelperError extends Error {
  readonly kind: "timeout" | "failed";
  constructor(kind: "timeout" | "failed", message: string) {
    super(message);
    this.name = "HttpHelperError";
    this.kind = kind;
  }
}

const STARTUP_FAILED = -1;

// The helper thread runs worker.ts bundled to one CommonJS script (built once per thread), so it
// needs no TypeScript loader: module loader hooks cannot start while this thread is blocked.
let workerSource: string | undefined;

function helperSource(): string {
  if (workerSource !== undefined) return workerSource;
  const entry = fileURLToPath(new URL("./worker.ts", import.meta.url));
  const out = buildSync({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", target: "node20", write: false, logLevel: "silent" });
  const code = out.outputFiles[0]!.text;
  // a failure while the script starts is reported at once instead of leaving the VU blocked
  workerSource = `try {\n${code}\n} catch (err) {\n  const { workerData } = require("node:worker_threads");\n  workerData.port.postMessage({ id: ${STARTUP_FAILED}, failure: String((err && err.stack) || err) });\n  const flag = new Int32Array(workerData.flag);\n  Atomics.store(flag, 0, 1);\n  Atomics.notify(flag, 0);\n}\n`;
  return workerSource;
}

/** Extra wait beyond the request timeouts, for thread start-up and scheduling. */
const GRACE_MS = 30_000;

export class SyncClient {
  #worker: Worker | undefined;
  #port: MessagePort | undefined;
  readonly #flag = new Int32Array(new SharedArrayBuffer(4));
  #seq = 0;

  /** Performs the exchanges with connection pool `pool` (one per VU) while this thread blocks. */
  run(specs: ExchangeSpec[], limits: Limits, pool: number): ExchangeResult[] {
    if (specs.length === 0) return [];
    const port = this.#start();
    const id = ++this.#seq;
    const waitMs = specs.reduce((m, s) => Math.max(m, s.timeoutMs), 0) * Math.ceil(specs.length / Math.max(1, limits.batch)) + GRACE_MS;
    Atomics.store(this.#flag, 0, 0);
    port.postMessage({ id, pool, specs, limits });
    if (Atomics.wait(this.#flag, 0, 0, waitMs) === "timed-out") {
      this.close();
      throw new HttpHelperError("timeout", `k6/http: no answer from the request thread within ${waitMs} ms (a server on the same thread as this VU cannot answer while the VU blocks)`);
    }
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (received === undefined) throw new HttpHelperError("failed", "k6/http: the request thread woke without a result");
      const msg = received.message as { id: number; results?: ExchangeResult[]; failure?: string };
      if (msg.id !== id && msg.id !== STARTUP_FAILED) continue;
      if (msg.results === undefined) throw new HttpHelperError("failed", `k6/http: the request thread failed: ${msg.failure ?? "unknown error"}`);
      return msg.results;
    }
  }

  close(): void {
    void this.#worker?.terminate();
    this.#port?.close();
    this.#worker = undefined;
    this.#port = undefined;
  }

  #start(): MessagePort {
    if (this.#port !== undefined) return this.#port;
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(helperSource(), {
      eval: true,
      workerData: { port: port2, flag: this.#flag.buffer },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    this.#worker = worker;
    this.#port = port1;
    return port1;
  }
}

let shared: SyncClient | undefined;

/**
 * The helper of this thread. VUs that share a thread run one at a time and a blocking call holds
 * the whole thread, so one helper serves them all (connection pools stay per VU).
 */
export function threadSyncClient(): SyncClient {
  shared ??= new SyncClient();
  return shared;
}
