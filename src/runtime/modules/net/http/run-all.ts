// Runs exchanges in parallel within k6's `batch` (total) and `batchPerHost` limits.
import { exchange, type Agents } from "./exchange.ts";
import type { ExchangeResult, ExchangeSpec, Limits } from "./wire.ts";

function hostKey(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function runAll(specs: readonly ExchangeSpec[], limits: Limits, agents: Agents): Promise<ExchangeResult[]> {
  const results = new Array<ExchangeResult>(specs.length);
  if (specs.length === 0) return Promise.resolve(results);
  const total = Math.max(1, limits.batch || specs.length);
  const perHost = Math.max(1, limits.batchPerHost || specs.length);
  const perHostActive = new Map<string, number>();
  const waiting = specs.map((s, i) => ({ i, key: hostKey(s.url) }));
  let active = 0;
  let finished = 0;
  return new Promise((resolve) => {
    const pump = (): void => {
      for (let w = 0; w < waiting.length && active < total; ) {
        const next = waiting[w]!;
        const n = perHostActive.get(next.key) ?? 0;
        if (n >= perHost) {
          w++;
          continue;
        }
        waiting.splice(w, 1);
        active++;
        perHostActive.set(next.key, n + 1);
        void exchange(specs[next.i]!, agents).then((r) => {
          results[next.i] = r;
          active--;
          perHostActive.set(next.key, (perHostActive.get(next.key) ?? 1) - 1);
          if (++finished === specs.length) resolve(results);
          else pump();
        });
      }
    };
    pump();
  });
}
