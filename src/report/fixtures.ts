// Paths of the summaries recorded from real runs of results/bundles/smoke.js against the simulator
// (fixtures/smoke-summary.js adds handleSummary and a few thresholds): a passing run, a second
// passing run, and a run where two of the ten users had wrong passwords.
import { join } from "node:path";

const DIR = join(import.meta.dirname, "fixtures");

export const FIXTURES = {
  pass: join(DIR, "smoke-pass.json"),
  pass2: join(DIR, "smoke-pass-2.json"),
  passExport: join(DIR, "smoke-pass.export.json"),
  passMetrics: join(DIR, "smoke-pass.ndjson.gz"),
  fail: join(DIR, "smoke-fail.json"),
  failMetrics: join(DIR, "smoke-fail.ndjson.gz"),
} as const;
