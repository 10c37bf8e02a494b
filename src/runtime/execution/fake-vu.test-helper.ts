// An in-memory VU for scheduler tests: each iteration waits `iterationMs` (or until stopped) and
// records what the scheduler asked for. Emits `iterations` like a real VU would.
import type { IterationOutcome, IterationRequest, SampleSink, Vu } from "../contracts.ts";
import type { VuFactory } from "./ports.ts";

export interface Recorded {
  vu: number;
  scenario: string;
  exec: string;
  iterationInScenario: number;
  iterationInTest: number;
  status: IterationOutcome["status"];
  env: Record<string, string>;
  tags: Record<string, string>;
}

export class FakeVuFactory implements VuFactory {
  readonly records: Recorded[] = [];
  readonly lifecycleCalls: Array<{ name: string; args: unknown[] }> = [];
  created = 0;
  closed = 0;
  iterationMs: number | ((req: IterationRequest) => number);
  lifecycle: (name: string, args: unknown[]) => Promise<unknown> = async () => undefined;
  readonly sink: SampleSink | undefined;

  constructor(iterationMs: FakeVuFactory["iterationMs"], sink?: SampleSink) {
    this.iterationMs = iterationMs;
    this.sink = sink;
  }

  async create(id: number, idInTest: number): Promise<Vu> {
    this.created++;
    return this.#vu(id, idInTest);
  }

  async createLifecycle(): Promise<Vu> {
    return this.#vu(0, 0);
  }

  setupData: unknown;
  async setSetupData(data: unknown): Promise<void> {
    this.setupData = data;
  }

  async close(): Promise<void> {}

  #vu(id: number, idInTest: number): Vu {
    const factory = this;
    return {
      id,
      idInTest,
      runIteration(req: IterationRequest, stop: AbortSignal): Promise<IterationOutcome> {
        const ms = typeof factory.iterationMs === "number" ? factory.iterationMs : factory.iterationMs(req);
        const started = performance.now();
        return new Promise((resolve) => {
          const finish = (status: IterationOutcome["status"]): void => {
            clearTimeout(timer);
            stop.removeEventListener("abort", onStop);
            factory.records.push({
              vu: id, scenario: req.scenario.name, exec: req.scenario.exec, iterationInScenario: req.iterationInScenario,
              iterationInTest: req.iterationInTest, status, env: req.scenario.env, tags: req.scenario.tags,
            });
            if (status === "completed") factory.sink?.add({ metric: "iterations", time: Date.now(), value: 1, tags: req.scenario.tags });
            resolve({ status, durationMs: performance.now() - started });
          };
          const onStop = (): void => finish("interrupted");
          const timer = setTimeout(() => finish("completed"), ms);
          if (stop.aborted) return onStop();
          stop.addEventListener("abort", onStop, { once: true });
        });
      },
      callLifecycle(name, args) {
        factory.lifecycleCalls.push({ name, args });
        return factory.lifecycle(name, args);
      },
      async close() {
        factory.closed++;
      },
    };
  }
}
