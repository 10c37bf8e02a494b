// Sign-in lockout shared by REST and XMPP: N consecutive wrong passwords block the account for a
// while (12.5 guide, sign-in: 5 failures → 5 minutes).
import type { SimUser } from "./population.ts";

export interface LockoutOptions {
  failures: number;
  durationMs: number;
}

export type CheckResult = "ok" | "bad-password" | "locked";

export class Lockout {
  readonly #o: LockoutOptions;
  readonly #failures = new Map<string, number>();
  readonly #lockedUntil = new Map<string, number>();

  constructor(options: LockoutOptions) {
    this.#o = options;
  }

  /** Checks a password, counting consecutive failures; a locked account fails even with the right password. */
  check(user: SimUser, password: string, now = Date.now()): CheckResult {
    const key = user.id.toLowerCase();
    const until = this.#lockedUntil.get(key);
    if (until !== undefined) {
      if (now < until) return "locked";
      this.#lockedUntil.delete(key);
    }
    if (password === user.password) {
      this.#failures.delete(key);
      return "ok";
    }
    const n = (this.#failures.get(key) ?? 0) + 1;
    if (n >= this.#o.failures) {
      this.#failures.delete(key);
      this.#lockedUntil.set(key, now + this.#o.durationMs);
    } else this.#failures.set(key, n);
    return "bad-password";
  }
}
