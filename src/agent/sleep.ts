// A promise that resolves after `ms` on the host's clock.
import type { Clock } from "../xmpp/index.ts";

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, Math.max(0, ms));
  });
}
