// VUs in the main thread (--workers 0): the same layer a worker thread uses, without the thread.
import type { Sample, SampleSink, Vu } from "../contracts.ts";
import type { LayerVu, LocalMetrics, VuLayer } from "./layer.ts";
import type { TestControl, VuFactory } from "./ports.ts";

export class LocalVuFactory implements VuFactory {
  readonly #layer: VuLayer;
  readonly #metrics: LocalMetrics;
  readonly #sink: SampleSink;
  readonly #control: TestControl;
  readonly #vus: LayerVu[] = [];
  #setupData: unknown;

  constructor(layer: VuLayer, control: TestControl, forward?: (s: Sample) => void) {
    this.#layer = layer;
    this.#control = control;
    const metrics = layer.createMetrics();
    this.#metrics = metrics;
    this.#sink = forward ? { add: (s) => { metrics.add(s); forward(s); } } : metrics;
  }

  async create(id: number, idInTest: number): Promise<Vu> {
    const vu = await this.#layer.createVu({ id, idInTest, sink: this.#sink, control: this.#control, setupData: this.#setupData });
    this.#vus.push(vu);
    return vu;
  }

  createLifecycle(): Promise<Vu> {
    return this.#layer.createVu({ id: 0, idInTest: 0, sink: this.#sink, control: this.#control, setupData: undefined });
  }

  async setSetupData(data: unknown): Promise<void> {
    this.#setupData = data;
    for (const vu of this.#vus) vu.setSetupData?.(data);
  }

  async drainMetrics(): Promise<unknown[]> {
    return [this.#metrics.snapshot()];
  }

  async close(): Promise<void> {}
}
