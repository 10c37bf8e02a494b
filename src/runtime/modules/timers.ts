// Module `k6/timers` (k6 docs, javascript-api/k6-timers): the same functions as the globals.
import type { CoreHost } from "./core-host.ts";

export function timersModule(host: CoreHost): Record<string, unknown> {
  const t = host.timers;
  return {
    setTimeout: t.setTimeout,
    clearTimeout: t.clearTimeout,
    setInterval: t.setInterval,
    clearInterval: t.clearInterval,
  };
}
