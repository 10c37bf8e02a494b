// Reconnect delays: exponential backoff with jitter (Cisco publishes no desktop retry values; Finesse developer
// guide, "Failure Scenarios", only says to poll SystemInfo and reconnect once IN_SERVICE).
export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0..1: each delay is multiplied by a random factor in [1 - jitter, 1 + jitter] */
  jitter: number;
}

/** Delay before attempt `attempt` (0-based): initial · 2^attempt, capped at max, then jittered. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 30));
  const factor = 1 - policy.jitter + 2 * policy.jitter * random();
  return Math.max(0, Math.round(base * factor));
}
