// The metrics engine fed by real VUs running a k6 script: two VUs with their own engines (as two
// threads would have), merged in a "main" engine, thresholds, summary, export and text summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { IterationRequest } from "../contracts.ts";
import { createVu, memoryLogger } from "../vu/index.ts";
import { MetricsEngine } from "./engine.ts";
import { buildSummaryData } from "./summary-data.ts";
import { summaryExportObject } from "./summary-export.ts";
import { renderTextSummary } from "./text-summary.ts";
import { compileThresholds } from "./threshold-config.ts";
import { ThresholdEvaluator } from "./thresholds.ts";

const SCRIPT = join(import.meta.dirname, "fixtures", "login-flow.js");

function request(n: number): IterationRequest {
  return {
    scenario: { name: "default", executor: "per-vu-iterations", exec: "default", startTime: Date.now(), env: {}, tags: { scenario: "default" } },
    iterationInScenario: n, iterationInTest: n, progress: 0,
  };
}

test("two VUs on separate engines, merged: checks tree, custom metrics, thresholds and summaries", async () => {
  const options = {
    thresholds: {
      login_time: ["p(95)<1000", "avg<10"],
      "login_time{flow:fast}": ["max<50"],
      checks: ["rate==1"],
      login_ok: ["rate>0.5"],
    },
  };
  const main = new MetricsEngine();
  for (const id of [1, 2]) {
    const engine = new MetricsEngine();
    const vu = await createVu({ script: SCRIPT, id, sink: engine, declarations: engine, logger: memoryLogger() });
    ThresholdEvaluator.install(engine, compileThresholds(options.thresholds, (n) => engine.info(n)));
    for (let i = 0; i < 3; i++) await vu.runIteration(request(i), new AbortController().signal);
    await vu.close();
    main.merge(JSON.parse(JSON.stringify(engine.snapshot({ reset: true }))));
  }
  const compiled = compileThresholds(options.thresholds, (n) => main.info(n));
  ThresholdEvaluator.install(main, compiled);
  const evaluator = new ThresholdEvaluator(compiled);
  const result = evaluator.evaluate(main, 6000, true);
  // __ITER 0,1,2 on each VU: login_time 5,15,25 twice (avg 15); "even" checks pass 4 of 6
  assert.deepEqual(result.failed, ["checks", "login_time"]);

  const data = buildSummaryData(main, evaluator, { testRunDurationMs: 6000 });
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  const login = data.root_group.groups[0]!;
  assert.deepEqual([login.name, login.path, login.id], ["login", "::login", md5("::login")]);
  assert.deepEqual(login.groups[0]!.checks, [{
    name: "iteration is even", path: "::login::verify::iteration is even", id: md5("::login::verify::iteration is even"), passes: 4, fails: 2,
  }]);
  // few samples: percentiles are exactly k6's
  assert.deepEqual(data.metrics.login_time, {
    type: "trend", contains: "time",
    values: { avg: 15, min: 5, med: 15, max: 25, "p(90)": 25, "p(95)": 25 },
    thresholds: { "p(95)<1000": { ok: true }, "avg<10": { ok: false } },
  });
  assert.deepEqual(data.metrics["login_time{flow:fast}"]!.values.max, 25);
  assert.deepEqual(data.metrics.login_ok!.values, { rate: 4 / 6, passes: 4, fails: 2 });
  assert.equal(data.metrics.iterations!.values.count, 6);
  assert.equal(data.metrics.group_duration!.type, "trend");

  const exported = summaryExportObject(data);
  assert.deepEqual(exported.metrics.checks!.thresholds, { "rate==1": true });
  assert.equal(exported.root_group.groups.login!.groups.verify!.checks["iteration is even"]!.fails, 2);

  const text = renderTextSummary(data, { outcomes: evaluator.outcomes() });
  assert.match(text, /    login_time\n    ✓ 'p\(95\)<1000' p\(95\)=25ms\n    ✗ 'avg<10' avg=15ms\n/);
  assert.match(text, /      \{flow:fast\}\n      ✓ 'max<50' max=25ms/);
  assert.match(text, /checks_succeeded\.+: 66\.66% 4 out of 6/);
  assert.match(text, /✗ iteration is even\n +↳  66% — ✓ 4 \/ ✗ 2/);
  assert.match(text, /    CUSTOM\n    login_ok\.+: 66\.66%/);
});
