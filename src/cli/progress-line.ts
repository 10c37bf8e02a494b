// Redraws the progress block in place on a terminal (stderr), like k6's progress bars.
import type { ProgressState } from "../runtime/index.ts";
import { renderProgress } from "./progress.ts";

export { progressEnabled } from "./progress.ts";

export class ProgressLine {
  readonly #write: (text: string) => void;
  readonly #state: () => ProgressState;
  readonly #timer: NodeJS.Timeout;
  #lines = 0;
  #stopped = false;

  constructor(write: (text: string) => void, state: () => ProgressState, intervalMs = 200) {
    this.#write = write;
    this.#state = state;
    this.#timer = setInterval(() => this.#draw(), intervalMs);
    this.#timer.unref();
  }

  #draw(): void {
    const lines = renderProgress(this.#state());
    const up = this.#lines > 0 ? `\x1b[${this.#lines}A` : "";
    this.#write(`${up}${lines.map((l) => `\r\x1b[2K${l}`).join("\n")}\n`);
    this.#lines = lines.length;
  }

  /** Draws the final state once and stops. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#draw();
  }
}
