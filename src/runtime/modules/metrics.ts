// Module `k6/metrics` (k6 docs, javascript-api/k6-metrics): Counter, Gauge, Rate, Trend.
// Declared in the init context only; add() in VU code only; true/false count as 1/0, other values
// go through ToNumber; a missing, null or NaN value logs a warning and returns false (throws when
// the `throw` option is on).
import type { CoreHost, MetricType } from "./core-host.ts";
import { realmError } from "./realm-values.ts";
import { TagMerger } from "./tag-merge.ts";

function metricClass(host: CoreHost, tagMerger: TagMerger, type: MetricType, className: string): unknown {
  class Metric {
    readonly name: string;
    readonly type: MetricType = type;
    readonly #isTime: boolean;

    constructor(name: unknown, isTime?: unknown) {
      if (host.phase !== "init") throw realmError(host, "metrics must be declared in the init context");
      const label = String(name);
      this.#isTime = Boolean(isTime);
      try {
        host.declarations.declare(label, type, this.#isTime ? "time" : "default");
      } catch (err) {
        throw realmError(host, (err as Error).message);
      }
      this.name = label;
    }

    add(value: unknown, tags?: unknown): boolean {
      if (host.phase === "init") throw realmError(host, "Adding to metrics in the init context is not supported");
      const problem = invalidValue(value);
      const number = problem === undefined ? toNumber(value) : NaN;
      const why = problem ?? (Number.isNaN(number) ? `'${String(value)}' is an invalid value for metric '${this.name}', a number or a boolean value is expected` : undefined);
      if (why !== undefined) {
        if (host.options.throw === true) throw realmError(host, why);
        host.log("warn", why);
        return false;
      }
      host.emit({ metric: this.name, value: number, tags: tagMerger.merge(host, host.currentTags(), tags) });
      return true;
    }
  }
  // A plain function as the constructor so that a call without `new` gets k6's error in the realm.
  function Constructor(name: unknown, isTime?: unknown): Metric {
    if (!new.target) throw realmError(host, `${className} must be called with new`, "TypeError");
    return new Metric(name, isTime);
  }
  Constructor.prototype = Metric.prototype;
  Object.defineProperty(Constructor, "name", { value: className });
  return Constructor;
}

function invalidValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return "no value was provided";
  return undefined;
}

function toNumber(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  try {
    return Number(value);
  } catch {
    return NaN;
  }
}

export function metricsModule(host: CoreHost): Record<string, unknown> {
  const tagMerger = new TagMerger();
  return {
    Counter: metricClass(host, tagMerger, "counter", "Counter"),
    Gauge: metricClass(host, tagMerger, "gauge", "Gauge"),
    Rate: metricClass(host, tagMerger, "rate", "Rate"),
    Trend: metricClass(host, tagMerger, "trend", "Trend"),
  };
}
