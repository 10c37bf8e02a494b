// The test's VUs, shared by all scenarios (k6 docs, using-k6/scenarios: a VU runs one scenario's
// iteration at a time; VUs are reused across scenarios). The planned VUs are initialised before the
// test starts; arrival-rate scenarios may add VUs up to the possible maximum during the run.
import type { Vu, VuFactory } from "./ports.ts";

export class VuPool {
  readonly #factory: VuFactory;
  readonly #free: Vu[] = [];
  readonly #all: Vu[] = [];
  readonly #limit: number;
  #creating = 0;
  #nextId = 1;
  /** VUs currently inside an iteration (the `vus` metric). */
  active = 0;

  constructor(factory: VuFactory, possible: number) {
    this.#factory = factory;
    this.#limit = possible;
  }

  /** VUs initialised so far (the `vus_max` metric). */
  get initialized(): number {
    return this.#all.length;
  }

  /** Initialises VUs 1..n, a few at a time; stops early when `signal` aborts. */
  async init(n: number, signal?: AbortSignal, concurrency = 8): Promise<void> {
    const target = Math.min(n, this.#limit);
    const workers = Array.from({ length: Math.min(concurrency, target) }, async () => {
      while (this.#all.length + this.#creating < target && !signal?.aborted) await this.#create();
    });
    await Promise.all(workers);
  }

  /** A free VU, or undefined when all initialised VUs are busy. */
  acquire(): Vu | undefined {
    return this.#free.shift();
  }

  release(vu: Vu): void {
    this.#free.push(vu);
    this.#free.sort((a, b) => a.id - b.id);
  }

  /** Initialises one more VU if the maximum allows it; resolves to it (not put in the free list). */
  async grow(): Promise<Vu | undefined> {
    if (this.#all.length + this.#creating >= this.#limit) return undefined;
    const vu = await this.#create();
    const i = this.#free.indexOf(vu);
    if (i >= 0) this.#free.splice(i, 1);
    return vu;
  }

  async #create(): Promise<Vu> {
    this.#creating++;
    const id = this.#nextId++;
    try {
      // Single instance: idInTest = idInInstance (k6 execution segments would map it here).
      const vu = await this.#factory.create(id, id);
      this.#all.push(vu);
      this.#all.sort((a, b) => a.id - b.id);
      this.#free.push(vu);
      this.#free.sort((a, b) => a.id - b.id);
      return vu;
    } finally {
      this.#creating--;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.#all.map((vu) => vu.close()));
  }
}
