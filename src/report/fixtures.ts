// Paths of the summaries recorded from real runs of results/bundles/smoke.js against the simulator
// (fixtures/smoke-summary.js adds handleSummary and a few thresholds): a passing run, a second
// passing run, and a run where two of the ten users had wrong passwords. Recorded with
//   npm run sim -- --port 18601 --agents 8 --supervisors 2 --write-csv /tmp/r.csv
//   npx finesse-load run src/report/fixtures/smoke-summary.js -e FINESSE_TARGET=http://127.0.0.1:18601 \
//     -e FINESSE_AGENTS_CSV=/tmp/r.csv -e SUMMARY_OUT=smoke-pass.json --summary-export smoke-pass.export.json \
//     --out json=smoke-pass.ndjson.gz
// The capacity run (three steps of two sessions, events slowed to 1.2 s once the third step is in, so
// its event latency threshold fails: the knee is 6 sessions) and the failover run (sockets dropped
// once; every agent reconnects and recovers) are recorded by fixtures/record.mts.
import { join } from "node:path";

const DIR = join(import.meta.dirname, "fixtures");

export const FIXTURES = {
  pass: join(DIR, "smoke-pass.json"),
  pass2: join(DIR, "smoke-pass-2.json"),
  passExport: join(DIR, "smoke-pass.export.json"),
  passMetrics: join(DIR, "smoke-pass.ndjson.gz"),
  fail: join(DIR, "smoke-fail.json"),
  failMetrics: join(DIR, "smoke-fail.ndjson.gz"),
  capacity: join(DIR, "capacity-knee.json"),
  capacityMetrics: join(DIR, "capacity-knee.ndjson.gz"),
  failover: join(DIR, "failover.json"),
  failoverMetrics: join(DIR, "failover.ndjson.gz"),
} as const;
