// Real time for the driver: monotonic offsets and abortable waits.

/** Resolves after `ms` or as soon as `signal` aborts (never rejects). */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Resolves when `signal` aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

/** A monotonic clock in ms from its creation, plus the epoch time of its start. */
export class RunClock {
  readonly startEpochMs = Date.now();
  readonly #origin = performance.now();
  elapsed(): number {
    return performance.now() - this.#origin;
  }
  /** Waits until `offsetMs` after the clock's start (or the signal aborts). */
  until(offsetMs: number, signal?: AbortSignal): Promise<void> {
    return wait(offsetMs - this.elapsed(), signal);
  }
}
