// Metric declarations used when the caller plugs in no metrics engine: one MetricRegistry of the
// metrics engine per process (k6's name rule, built-ins, re-declaration rule), shared by its VUs.
import { MetricRegistry } from "../metrics/index.ts";

let processDeclarations: MetricRegistry | undefined;

export function localDeclarations(): MetricRegistry {
  processDeclarations ??= new MetricRegistry();
  return processDeclarations;
}
