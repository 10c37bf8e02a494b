// Recovery after a lost session (finesse.md §6.1, §8.1 item 10): wait with backoff and jitter, poll
// SystemInfo, and once IN_SERVICE try a new session (→ resubscribe), until it works or the give-up time
// passes (Finesse signs out an agent 60 s after its presence is lost, §6.3). Counts attempts (made while in
// service) and recovery time.
import { backoffDelay, type BackoffPolicy } from "./backoff.ts";
import { AgentError, errorTags } from "./errors.ts";
import type { AgentPorts, Tags } from "./ports.ts";
import { sleep } from "./sleep.ts";

export interface ReconnectPolicy extends BackoffPolicy {
  giveUpAfterMs: number;
}

export interface ReconnectHooks {
  /** Whether the system is in service (SystemInfo IN_SERVICE); throws when it cannot be asked. */
  inService(): Promise<boolean>;
  /** One reconnect attempt; throws when it failed. */
  attempt(): Promise<void>;
  /** true once the agent is being stopped: no further attempts. */
  stopping(): boolean;
}

const MAX_ATTEMPTS = 10_000;

export class Reconnector {
  readonly #p: AgentPorts;
  readonly #policy: ReconnectPolicy;
  readonly #tags: Tags;
  readonly #hooks: ReconnectHooks;
  #running: Promise<void> | undefined;
  lost = 0;
  recovered = 0;
  gaveUp = false;

  constructor(ports: AgentPorts, policy: ReconnectPolicy, tags: Tags, hooks: ReconnectHooks) {
    this.#p = ports;
    this.#policy = policy;
    this.#tags = tags;
    this.#hooks = hooks;
  }

  get active(): boolean {
    return this.#running !== undefined;
  }

  /** Starts recovering (no-op while already recovering or after giving up). */
  begin(cause: string): void {
    if (this.#running || this.gaveUp) return;
    this.lost++;
    this.#running = this.#run(cause).finally(() => (this.#running = undefined));
  }

  /** Resolves when no recovery is running. */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #run(cause: string): Promise<void> {
    const clock = this.#p.clock;
    const lostAt = clock.now();
    const tags = { ...this.#tags, cause };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const left = lostAt + this.#policy.giveUpAfterMs - clock.now();
      if (left <= 0 || this.#hooks.stopping()) break;
      await sleep(clock, Math.min(left, backoffDelay(this.#policy, attempt, this.#p.random)));
      if (this.#hooks.stopping() || clock.now() - lostAt >= this.#policy.giveUpAfterMs) break;
      try {
        // Waiting for IN_SERVICE is the documented recovery (finesse.md §6.1), not an error or an attempt.
        if (!(await this.#hooks.inService())) continue;
        this.#p.record("xmpp_reconnects", 1, tags);
        await this.#hooks.attempt();
        this.recovered++;
        this.#p.record("finesse_recovery_time", clock.now() - lostAt, tags);
        return;
      } catch (e) {
        const { kind, condition } = errorTags(e);
        this.#p.record("harness_errors", 1, { ...this.#tags, kind, condition });
      }
    }
    if (this.#hooks.stopping()) return;
    this.gaveUp = true;
    const e = new AgentError("gave_up", cause, `no recovery within ${this.#policy.giveUpAfterMs} ms`);
    this.#p.record("harness_errors", 1, { ...this.#tags, ...errorTags(e) });
  }
}
