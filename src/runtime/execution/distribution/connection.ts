// The main-thread end of one VU host (worker thread or child process): request/reply by id,
// iteration outcomes, control messages (test.abort/test.fail) and forwarded samples.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { IterationOutcome, IterationRequest, Sample } from "../../contracts.ts";
import { NODE_FLAGS } from "../node-flags.ts";
import type { FromHost, HostInit, ToHost } from "./protocol.ts";

const ENTRY = new URL("./host-bootstrap.mjs", import.meta.url);

export interface ConnectionEvents {
  onControl(op: "abort" | "fail", reason: string): void;
  onSamples(samples: Sample[]): void;
  onExit(message: string): void;
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

/** Node flags for a VU host: the runtime's flags (TypeScript loading is set up by the bootstrap). */
function hostExecArgv(): string[] {
  const out: string[] = [];
  const inherited = process.execArgv;
  for (let i = 0; i < inherited.length; i++) {
    const a = inherited[i]!;
    if (a === "--import" || a === "--require" || a === "--loader") {
      i++;
      continue;
    }
    if (a.startsWith("--test") || a.startsWith("--inspect") || a.startsWith("--import=") || a.startsWith("--loader=")) continue;
    out.push(a);
  }
  for (const f of NODE_FLAGS) if (!out.includes(f)) out.push(f);
  return out;
}

export class HostConnection {
  readonly kind: "thread" | "process";
  readonly #post: (m: ToHost) => void;
  readonly #kill: () => Promise<void>;
  readonly #pending = new Map<number, Pending>();
  readonly #outcomes = new Map<number, Pending>();
  #nextRid = 1;
  #exited = false;
  readonly ready: Promise<void>;

  constructor(kind: "thread" | "process", init: HostInit, events: ConnectionEvents) {
    this.kind = kind;
    let markReady: () => void = () => {};
    let failReady: (e: Error) => void = () => {};
    this.ready = new Promise((res, rej) => {
      markReady = res;
      failReady = rej;
    });
    const onMessage = (m: FromHost): void => {
      switch (m.t) {
        case "ready":
          return markReady();
        case "reply": {
          const p = this.#pending.get(m.rid) ?? this.#outcomes.get(m.rid);
          this.#pending.delete(m.rid);
          this.#outcomes.delete(m.rid);
          if (!p) return;
          if (m.ok) p.resolve(m.value);
          else p.reject(Object.assign(new Error(m.error), { name: m.name ?? "Error" }));
          return;
        }
        case "outcome": {
          const p = this.#outcomes.get(m.rid);
          this.#outcomes.delete(m.rid);
          p?.resolve(m.outcome);
          return;
        }
        case "control":
          return events.onControl(m.op, m.reason);
        case "samples":
          return events.onSamples(m.samples);
      }
    };
    const onExit = (why: string): void => {
      if (this.#exited) return;
      this.#exited = true;
      const err = new Error(`VU host ${kind} exited: ${why}`);
      failReady(err);
      for (const p of [...this.#pending.values(), ...this.#outcomes.values()]) p.reject(err);
      this.#pending.clear();
      this.#outcomes.clear();
      events.onExit(err.message);
    };
    if (kind === "thread") {
      const worker = new Worker(ENTRY, { workerData: init, execArgv: hostExecArgv(), stdout: false, stderr: false });
      worker.on("message", onMessage);
      worker.on("error", (e) => onExit(e.message));
      worker.on("exit", (code) => onExit(`code ${code}`));
      this.#post = (m) => worker.postMessage(m);
      this.#kill = async () => void (await worker.terminate());
    } else {
      const child: ChildProcess = fork(fileURLToPath(ENTRY), [], { execArgv: hostExecArgv(), serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
      child.on("message", (m) => onMessage(m as FromHost));
      child.on("error", (e) => onExit(e.message));
      child.on("exit", (code, signal) => onExit(signal ? `signal ${signal}` : `code ${code}`));
      this.#post = (m) => {
        if (child.connected) child.send(m);
      };
      this.#kill = async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      };
      this.#post({ t: "init", init: { ...init, counters: undefined } as HostInit });
    }
  }

  get exited(): boolean {
    return this.#exited;
  }

  request(m: DistributiveOmit<Exclude<ToHost, { t: "init" | "stop" | "counters" | "run" }>, "rid">): Promise<unknown> {
    if (this.#exited) return Promise.reject(new Error("VU host has exited"));
    const rid = this.#nextRid++;
    return new Promise((resolve, reject) => {
      this.#pending.set(rid, { resolve, reject });
      this.#post({ ...m, rid } as ToHost);
    });
  }

  readonly #sentScenarios = new WeakSet<object>();

  runIteration(vu: number, request: IterationRequest, stop: AbortSignal, cell?: Int32Array): Promise<IterationOutcome> {
    if (this.#exited) return Promise.reject(new Error("VU host has exited"));
    const rid = this.#nextRid++;
    return new Promise<IterationOutcome>((resolve, reject) => {
      const onStop = (): void => {
        // A VU blocked in sleep() cannot read messages: wake it through its shared cell first.
        if (cell) {
          Atomics.store(cell, 0, 1);
          Atomics.notify(cell, 0);
        }
        this.#post({ t: "stop", rid });
      };
      this.#outcomes.set(rid, {
        resolve: (v) => {
          stop.removeEventListener("abort", onStop);
          resolve(v as IterationOutcome);
        },
        reject: (e) => {
          stop.removeEventListener("abort", onStop);
          reject(e);
        },
      });
      const { scenario, ...req } = request;
      const known = this.#sentScenarios.has(scenario);
      this.#sentScenarios.add(scenario);
      this.#post({ t: "run", rid, vu, req, scenario: known ? scenario.name : scenario });
      if (stop.aborted) onStop();
      else stop.addEventListener("abort", onStop, { once: true });
    });
  }

  /** Copies the scheduler's counters to a child process (threads share them in memory). */
  sendCounters(values: number[]): void {
    if (this.kind === "process" && !this.#exited) this.#post({ t: "counters", values });
  }

  /** Asks the host to close its VUs and exit; a host still busy (a VU blocked in a call) after 3 s is terminated. */
  async shutdown(): Promise<unknown> {
    if (this.#exited) return undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 3000)));
      return await Promise.race([this.request({ t: "shutdown" }).catch(() => undefined), late]);
    } finally {
      clearTimeout(timer);
      setTimeout(() => void this.#kill(), 500).unref();
    }
  }

  kill(): Promise<void> {
    return this.#kill();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
