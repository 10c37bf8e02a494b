// The k6/execution `instance` counters in a SharedArrayBuffer: the scheduler writes them, VUs in
// any worker thread read them synchronously (k6 docs, javascript-api/k6-execution: instance).
import type { RunCounters } from "./ports.ts";

const FIELDS = ["iterationsCompleted", "iterationsInterrupted", "vusActive", "vusInitialized", "testStartEpochMs"] as const;

export class SharedCounters implements RunCounters {
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Float64Array;

  constructor(buffer = new SharedArrayBuffer(FIELDS.length * 8)) {
    this.buffer = buffer;
    this.#cells = new Float64Array(buffer);
  }

  get iterationsCompleted(): number { return this.#cells[0]!; }
  set iterationsCompleted(v: number) { this.#cells[0] = v; }
  get iterationsInterrupted(): number { return this.#cells[1]!; }
  set iterationsInterrupted(v: number) { this.#cells[1] = v; }
  get vusActive(): number { return this.#cells[2]!; }
  set vusActive(v: number) { this.#cells[2] = v; }
  get vusInitialized(): number { return this.#cells[3]!; }
  set vusInitialized(v: number) { this.#cells[3] = v; }
  /** ms since the epoch when the scenarios started; 0 before */
  get testStartEpochMs(): number { return this.#cells[4]!; }
  set testStartEpochMs(v: number) { this.#cells[4] = v; }
}
