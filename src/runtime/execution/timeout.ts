// Lifecycle time limits (k6 docs, using-k6/k6-options/reference: setupTimeout, teardownTimeout,
// handleSummaryTimeout).

export class TimeoutError extends Error {
  override name = "TimeoutError";
  readonly kind = "timeout";
  readonly what: string;
  constructor(what: string, ms: number) {
    super(`${what} execution timed out after ${ms / 1000} seconds`);
    this.what = what;
  }
}

/** Resolves/rejects with `p`, or rejects with a TimeoutError after `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
