// Recovery after a lost session or an outage (Finesse developer guide, "Failure Scenarios", "Notifications on
// Finesse Desktop"): wait with backoff and
// jitter, poll SystemInfo (on either node of the pair, the agent decides which), and once a node is
// IN_SERVICE make one attempt (new session → resubscribe), until it works or the give-up time passes
// (Finesse signs out an agent 60 s after its presence is lost, "Desktop Presence and Forced Logout"). Records
// recovery time per loss.
import { backoffDelay, type BackoffPolicy } from "./backoff.ts";
import { AgentError, errorTags } from "./errors.ts";
import type { AgentPorts, Tags } from "./ports.ts";

export interface ReconnectPolicy extends BackoffPolicy {
  giveUpAfterMs: number;
}

export interface ReconnectHooks {
  /** Whether a node is in service (SystemInfo IN_SERVICE) and chosen; throws when no node could be asked. */
  inService(): Promise<boolean>;
  /** One recovery attempt on the chosen node; throws when it failed. */
  attempt(cause: string): Promise<void>;
  /** true once the agent is being stopped: no further attempts. */
  stopping(): boolean;
  /** Tags of the current node (target). */
  tags(): Tags;
}

/** One loss of service seen by the agent: when it was noticed, on which node, and when (where) it recovered. */
export interface LossRecord {
  /** epoch ms the loss was noticed (socket closed, pings missed, OUT_OF_SERVICE event) */
  at: number;
  cause: string;
  /** target name of the node in use when the loss was noticed */
  from: string;
  /** epoch ms ready again; undefined while recovering or after giving up */
  recoveredAt: number | undefined;
  /** target name of the node the agent recovered on */
  to: string | undefined;
}

const MAX_ATTEMPTS = 10_000;

export class Reconnector {
  readonly #p: AgentPorts;
  readonly #policy: ReconnectPolicy;
  readonly #hooks: ReconnectHooks;
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  readonly losses: LossRecord[] = [];
  lost = 0;
  recovered = 0;
  gaveUp = false;

  constructor(ports: AgentPorts, policy: ReconnectPolicy, hooks: ReconnectHooks) {
    this.#p = ports;
    this.#policy = policy;
    this.#hooks = hooks;
  }

  get active(): boolean {
    return this.#running !== undefined;
  }

  /** Starts recovering (no-op while already recovering or after giving up). */
  begin(cause: string): void {
    if (this.#running || this.gaveUp) return;
    this.lost++;
    const loss: LossRecord = { at: this.#p.clock.now(), cause, from: this.#hooks.tags().target ?? "", recoveredAt: undefined, to: undefined };
    this.losses.push(loss);
    this.#running = this.#run(loss).finally(() => (this.#running = undefined));
  }

  /** Ends the current wait early (e.g. an IN_SERVICE event arrived): the next poll happens now. */
  wake(): void {
    this.#wake?.();
  }

  /** Resolves when no recovery is running. */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  #pause(ms: number): Promise<void> {
    const clock = this.#p.clock;
    return new Promise((resolve) => {
      const h = clock.setTimeout(() => done(), ms);
      const done = () => {
        clock.clearTimeout(h);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
    });
  }

  async #run(loss: LossRecord): Promise<void> {
    const clock = this.#p.clock;
    const { at: lostAt, cause } = loss;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const left = lostAt + this.#policy.giveUpAfterMs - clock.now();
      if (left <= 0 || this.#hooks.stopping()) break;
      await this.#pause(Math.min(left, backoffDelay(this.#policy, attempt, this.#p.random)));
      if (this.#hooks.stopping() || clock.now() - lostAt >= this.#policy.giveUpAfterMs) break;
      try {
        // Waiting for IN_SERVICE is the documented recovery (Finesse developer guide, "Failure Scenarios"), not an
        // error or an attempt.
        if (!(await this.#hooks.inService())) continue;
        await this.#hooks.attempt(cause);
        this.recovered++;
        loss.recoveredAt = clock.now();
        loss.to = this.#hooks.tags().target;
        this.#p.record("finesse_recovery_time", loss.recoveredAt - lostAt, { ...this.#hooks.tags(), cause });
        return;
      } catch (e) {
        const { kind, condition } = errorTags(e);
        this.#p.record("harness_errors", 1, { ...this.#hooks.tags(), kind, condition });
      }
    }
    if (this.#hooks.stopping()) return;
    this.gaveUp = true;
    const e = new AgentError("gave_up", cause, `no recovery within ${this.#policy.giveUpAfterMs} ms`);
    this.#p.record("harness_errors", 1, { ...this.#hooks.tags(), ...errorTags(e) });
  }
}
