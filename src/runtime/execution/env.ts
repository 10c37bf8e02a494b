// The K6_* environment variables for the options this runtime supports (k6 docs,
// using-k6/k6-options/reference: each option lists its environment variable).
import { OptionsError } from "./errors.ts";
import { parseStages, type OptionLayer } from "./options.ts";

/** Builds the option layer from K6_* variables; a bad value is an error naming the variable. */
export function envOptions(env: Readonly<Record<string, string | undefined>>): OptionLayer {
  const out: OptionLayer = {};
  const problems: string[] = [];
  const int = (name: string, key: string): void => {
    const v = env[name];
    if (v === undefined || v === "") return;
    if (!/^\d+$/.test(v)) problems.push(`${name}: expected a non-negative integer, got "${v}"`);
    else out[key] = Number(v);
  };
  const bool = (name: string, key: string): void => {
    const v = env[name];
    if (v === undefined || v === "") return;
    if (v === "true" || v === "1") out[key] = true;
    else if (v === "false" || v === "0") out[key] = false;
    else problems.push(`${name}: expected true or false, got "${v}"`);
  };
  const str = (name: string, key: string): void => {
    const v = env[name];
    if (v !== undefined && v !== "") out[key] = v;
  };
  int("K6_VUS", "vus");
  int("K6_ITERATIONS", "iterations");
  str("K6_DURATION", "duration");
  if (env.K6_STAGES) {
    try {
      out.stages = parseStages(env.K6_STAGES);
    } catch (e) {
      problems.push(`K6_STAGES: ${(e as Error).message}`);
    }
  }
  bool("K6_NO_COLOR", "noColor");
  bool("K6_INSECURE_SKIP_TLS_VERIFY", "insecureSkipTLSVerify");
  str("K6_SETUP_TIMEOUT", "setupTimeout");
  str("K6_TEARDOWN_TIMEOUT", "teardownTimeout");
  str("K6_SUMMARY_TIME_UNIT", "summaryTimeUnit");
  if (env.K6_SUMMARY_TREND_STATS) out.summaryTrendStats = env.K6_SUMMARY_TREND_STATS.split(",").map((s) => s.trim());
  if (problems.length > 0) throw new OptionsError(problems);
  return out;
}
