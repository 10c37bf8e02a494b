// A VU's event loop accounting (k6 docs, javascript-api/k6-timers and the k6 event loop: an
// iteration ends when the exported function returned, its promise settled, and no callback is
// registered — timers, open sockets, in-flight async requests). The first exception or unhandled
// rejection ends the iteration with that error; interruption drops what is pending.

export type LoopState = "idle" | "running" | "ending";

export interface LoopResult {
  interrupted: boolean;
  /** the error that ended the run early, already formatted as k6 logs it */
  error?: string;
}

/** How long an interrupted or failed run waits for registered work to release (sockets closing). */
const DRAIN_LIMIT_MS = 5_000;

export class EventLoop {
  #state: LoopState = "idle";
  #registered = 0;
  #controller = new AbortController();
  #interrupted = false;
  #error: string | undefined;
  #resolve: ((r: LoopResult) => void) | undefined;
  #checkScheduled = false;
  #drainTimer: ReturnType<typeof setTimeout> | undefined;
  /** called once when the run stops early (interruption or error): timers are dropped there */
  onStop: (interrupted: boolean) => void = () => {};
  /** formats an exception for the log (the VU keeps only the script's stack frames) */
  formatError: (err: unknown) => string = (err) => formatException(err);

  get state(): LoopState {
    return this.#state;
  }

  /** Aborted when the current run is interrupted or ends with an error. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get interrupted(): boolean {
    return this.#interrupted;
  }

  get registered(): number {
    return this.#registered;
  }

  /** Whether VU callbacks may run now. */
  get accepting(): boolean {
    return this.#state === "running";
  }

  /** Starts a run (an iteration or a lifecycle call); resolves when it ends. */
  start(): Promise<LoopResult> {
    if (this.#state !== "idle") throw new Error("the VU is already running an iteration");
    this.#state = "running";
    this.#registered = 0;
    this.#interrupted = false;
    this.#error = undefined;
    this.#controller = new AbortController();
    return new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Registers outstanding work; the returned function releases it (idempotent). */
  register(): () => void {
    if (this.#state === "idle") return () => {};
    const controller = this.#controller;
    this.#registered++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A release that belongs to an earlier run is ignored.
      if (controller !== this.#controller) return;
      this.#registered--;
      if (this.#registered === 0) this.#scheduleCheck();
    };
  }

  /** Runs a VU callback: dropped unless the run accepts callbacks; a throw ends the run. */
  run(fn: () => void): void {
    if (!this.accepting) return;
    try {
      fn();
    } catch (err) {
      this.fail(this.formatError(err));
    }
  }

  /** Ends the run with an error (k6: the loop stops, the iteration context is cancelled). */
  fail(message: string): void {
    if (this.#state !== "running") return;
    this.#error = message;
    this.#stop(false);
  }

  /** Interrupts the run (gracefulStop, ramp-down, abort). */
  interrupt(): void {
    if (this.#state !== "running") return;
    this.#interrupted = true;
    this.#stop(true);
  }

  #stop(interrupted: boolean): void {
    this.#state = "ending";
    this.onStop(interrupted);
    this.#controller.abort(new Error(interrupted ? "the VU iteration was interrupted" : "the VU iteration failed"));
    if (this.#registered === 0) this.#scheduleCheck();
    else this.#drainTimer = setTimeout(() => this.#finish(), DRAIN_LIMIT_MS);
  }

  #scheduleCheck(): void {
    if (this.#checkScheduled) return;
    this.#checkScheduled = true;
    // setImmediate runs after Node has reported unhandled rejections of the current turn.
    setImmediate(() => {
      this.#checkScheduled = false;
      if (this.#registered === 0 && this.#state !== "idle") this.#finish();
    });
  }

  #finish(): void {
    if (this.#drainTimer !== undefined) clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
    const resolve = this.#resolve;
    this.#resolve = undefined;
    this.#state = "idle";
    this.#registered = 0;
    const result: LoopResult = { interrupted: this.#interrupted };
    if (this.#error !== undefined) result.error = this.#error;
    resolve?.(result);
  }
}

/**
 * An exception as k6 logs it: the stack for Error objects (keeping only the frames `keepFrame`
 * accepts), the value otherwise.
 */
export function formatException(err: unknown, keepFrame?: (frame: string) => boolean): string {
  if (err !== null && typeof err === "object") {
    const stack = (err as { stack?: unknown }).stack;
    if (typeof stack === "string" && stack.length > 0) {
      if (!keepFrame) return stack;
      return stack.split("\n").filter((line) => !/^\s+at /.test(line) || keepFrame(line)).join("\n");
    }
    const message = (err as { message?: unknown }).message;
    if (typeof message === "string") return message;
  }
  return String(err);
}
