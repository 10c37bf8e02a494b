import { test } from "node:test";
import assert from "node:assert/strict";
import { consolidate, mergeLayers, parseStages } from "./options.ts";
import { envOptions } from "./env.ts";
import { OptionsError } from "./errors.ts";

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof OptionsError, `expected OptionsError, got ${String(e)}`);
    assert.equal(e.exitCode, 104);
    return e.problems;
  }
  assert.fail("expected an OptionsError");
};

test("nothing set: one VU runs one iteration (per-vu-iterations)", () => {
  const c = consolidate([{}]);
  assert.equal(c.scenarios.length, 1);
  assert.deepEqual(c.scenarios[0], {
    name: "default", executor: "per-vu-iterations", vus: 1, iterations: 1, maxDurationMs: 600_000,
    startTimeMs: 0, gracefulStopMs: 30_000, exec: "default", env: {}, tags: {},
  });
});

test("iterations (+vus, +duration) → shared-iterations with maxDuration", () => {
  const [s] = consolidate([{ vus: 2, iterations: 10, duration: "5s" }]).scenarios;
  assert.equal(s?.executor, "shared-iterations");
  assert.ok(s?.executor === "shared-iterations");
  assert.deepEqual([s.vus, s.iterations, s.maxDurationMs], [2, 10, 5000]);
});

test("duration (+vus) → constant-vus; stages (+vus) → ramping-vus with startVUs", () => {
  const [a] = consolidate([{ vus: 3, duration: "2s" }]).scenarios;
  assert.ok(a?.executor === "constant-vus");
  assert.deepEqual([a.vus, a.durationMs], [3, 2000]);
  const [b] = consolidate([{ vus: 4, stages: [{ duration: "1s", target: 2 }] }]).scenarios;
  assert.ok(b?.executor === "ramping-vus");
  assert.deepEqual([b.startVUs, b.stages, b.gracefulRampDownMs], [4, [{ durationMs: 1000, target: 2 }], 30_000]);
});

test("vus alone → shared-iterations(N, N) overriding scenarios with a warning", () => {
  const c = consolidate([{ vus: 5, scenarios: { x: { executor: "constant-vus", duration: "1s" } } }]);
  assert.ok(c.scenarios[0]?.executor === "shared-iterations");
  assert.deepEqual([c.scenarios[0].name, c.scenarios[0].vus, c.scenarios[0].iterations], ["default", 5, 5]);
  assert.equal(c.warnings.length, 1);
  assert.match(c.warnings[0]!, /vus=5.*scenarios/);
});

test("shortcut conflicts in one layer are errors (exit 104), duration+iterations is allowed", () => {
  assert.match(problemsOf(() => consolidate([{ duration: "1s", stages: [{ duration: "1s", target: 1 }] }]))[0]!, /multiple execution config shortcuts/);
  assert.match(problemsOf(() => consolidate([{ iterations: 2, scenarios: { a: { executor: "shared-iterations" } } }]))[0]!, /scenarios/);
  assert.doesNotThrow(() => consolidate([{ duration: "1s", iterations: 1 }]));
});

test("a shortcut in a higher layer replaces scenarios from a lower one (CLI over script)", () => {
  const script = { scenarios: { a: { executor: "constant-vus", vus: 2, duration: "1m" } } };
  const c = consolidate([script, {}, { duration: "3s" }]);
  assert.deepEqual(c.scenarios.map((s) => [s.name, s.executor]), [["default", "constant-vus"]]);
  assert.equal(mergeLayers([{ iterations: 5, vus: 2 }, { duration: "1s" }]).iterations, undefined);
  assert.equal(mergeLayers([{ iterations: 5, vus: 2 }, { duration: "1s" }]).vus, 2);
  assert.equal("vus" in c.options, false, "shortcut keys are removed from the consolidated options");
  assert.ok(typeof c.options.scenarios === "object");
});

test("scenario validation lists every problem together", () => {
  const problems = problemsOf(() =>
    consolidate([
      {
        scenarios: {
          "bad name": { executor: "constant-vus", duration: "10s" },
          shared: { executor: "shared-iterations", vus: 10, iterations: 5, maxDuration: "500ms" },
          cvus: { executor: "constant-vus", vus: 2 },
          car: { executor: "constant-arrival-rate", rate: 5, duration: "10s", preAllocatedVUs: 3, maxVUs: 1, foo: 1 },
          rar: { executor: "ramping-arrival-rate", preAllocatedVUs: 1, stages: [] },
          ext: { executor: "externally-controlled" },
          none: { vus: 1 },
        },
      },
    ]),
  );
  const expect = [
    /scenarios\.bad name: invalid scenario name/,
    /scenarios\.shared\.iterations: the number of iterations \(5\) can't be less than the number of VUs \(10\)/,
    /scenarios\.shared\.maxDuration: must be at least 1s/,
    /scenarios\.cvus\.duration: is required/,
    /scenarios\.car\.foo: unknown key/,
    /scenarios\.car\.maxVUs: can't be less than preAllocatedVUs/,
    /scenarios\.rar\.stages: at least one stage/,
    /scenarios\.ext\.executor: externally-controlled was removed/,
    /scenarios\.none\.executor: is required/,
  ];
  for (const re of expect) assert.ok(problems.some((p) => re.test(p)), `missing ${re}: ${problems.join(" | ")}`);
  assert.equal(problems.length, expect.length, problems.join("\n"));
});

test("scenario keys: exec, env, tags, startTime, gracefulStop, arrival-rate defaults", () => {
  const c = consolidate([
    {
      scenarios: {
        s1: { executor: "constant-arrival-rate", rate: 2, duration: "1s", preAllocatedVUs: 2, exec: "api", env: { A: "1" }, tags: { t: "x" }, startTime: "2s", gracefulStop: "1s" },
      },
    },
  ]);
  const [s] = c.scenarios;
  assert.ok(s?.executor === "constant-arrival-rate");
  assert.deepEqual([s.exec, s.env, s.tags, s.startTimeMs, s.gracefulStopMs, s.timeUnitMs, s.maxVUs], ["api", { A: "1" }, { t: "x" }, 2000, 1000, 1000, 2]);
});

test("timeouts and type checks", () => {
  const c = consolidate([{ setupTimeout: "2s", teardownTimeout: 3000 }]);
  assert.deepEqual([c.setupTimeoutMs, c.teardownTimeoutMs, c.handleSummaryTimeoutMs], [2000, 3000, 120_000]);
  const problems = problemsOf(() => consolidate([{ setupTimeout: "soon", summaryTimeUnit: "min", tags: { a: {} }, duration: "0s" }]));
  assert.equal(problems.length, 4, problems.join("\n"));
});

test("--stage / K6_STAGES syntax and K6_* variables", () => {
  assert.deepEqual(parseStages("30s:10, 1m:0"), [{ duration: "30s", target: 10 }, { duration: "1m", target: 0 }]);
  assert.throws(() => parseStages("30s"), /DURATION:TARGET/);
  assert.throws(() => parseStages("30x:1"), /unknown unit/);
  assert.deepEqual(envOptions({ K6_VUS: "3", K6_DURATION: "2s", K6_NO_COLOR: "true", HOME: "/x" }), { vus: 3, duration: "2s", noColor: true });
  assert.throws(() => envOptions({ K6_VUS: "many" }), /K6_VUS: expected a non-negative integer/);
});
