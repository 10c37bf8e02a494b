import { test } from "node:test";
import assert from "node:assert/strict";
import { progressEnabled, renderProgress } from "./progress.ts";

test("the progress block shows VUs, iterations and per-scenario progress like k6", () => {
  const lines = renderProgress({
    elapsedMs: 65_200, vusActive: 2, vusMax: 10, completed: 37, interrupted: 1,
    scenarios: [
      { name: "default", executor: "constant-vus", progress: 0.5, elapsedMs: 5000, durationMs: 10_000, vus: 2, started: 39, finished: false, waiting: false },
      { name: "later", executor: "shared-iterations", progress: 0, elapsedMs: 0, durationMs: 600_000, vus: 0, started: 0, iterations: 20, finished: false, waiting: true },
    ],
  });
  assert.equal(lines[0], "running (1m05.2s), 02/10 VUs, 37 complete and 1 interrupted iterations");
  assert.match(lines[1]!, /^default \[={20}>-{19}\] 2 VUs  05\.0s\/10\.0s$/);
  assert.match(lines[2]!, /^later {3}\[>-{39}\] waiting  0\/20 iters$/);
});

test("progress only on a TTY, never under CI or --quiet", () => {
  assert.equal(progressEnabled(true, false, {}), true);
  assert.equal(progressEnabled(false, false, {}), false);
  assert.equal(progressEnabled(true, true, {}), false);
  assert.equal(progressEnabled(true, false, { CI: "true" }), false);
});
