import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IterationRequest, Sample } from "../contracts.ts";
import { FakeVuFactory } from "./fake-vu.test-helper.ts";
import { executeTest, type TestRequest } from "./lifecycle.ts";
import type { MetricsPort, ScriptInfo, TestControl } from "./ports.ts";

interface Script {
  options?: Record<string, unknown>;
  exports?: string[];
  iterationMs?: number;
  onIteration?(control: TestControl, req: IterationRequest): void;
  lifecycle?(name: string, args: unknown[], control: TestControl): Promise<unknown>;
  /** thresholds fail when this returns true; abort when `abort` too */
  thresholds?: { failAt?: (final: boolean, iterations: number) => boolean; abort?: boolean };
}

function fakeMetrics(script: Script): MetricsPort & { samples: Sample[] } {
  const samples: Sample[] = [];
  const count = () => samples.filter((s) => s.metric === "iterations").length;
  return {
    samples,
    add: (s) => samples.push(s),
    merge: () => {},
    evaluateThresholds(final) {
      const failed = script.thresholds?.failAt?.(final, count()) ?? false;
      return { failed, abort: failed && !final && (script.thresholds?.abort ?? false) };
    },
    summaryData: (input) => ({ metrics: { iterations: { values: { count: count() } } }, setup_data: input.setupData }),
    textSummary: (data) => `TEXT SUMMARY ${JSON.stringify(data.metrics)}\n`,
    summaryExport: (data) => JSON.stringify({ metrics: data.metrics }, null, 4),
    close: async () => {},
  };
}

async function runFake(script: Script, extra: Partial<TestRequest> = {}) {
  let out = "";
  let err = "";
  let factory: FakeVuFactory | undefined;
  let metrics: ReturnType<typeof fakeMetrics> | undefined;
  const result = await executeTest(
    {
      async loadScript(): Promise<ScriptInfo> {
        return { options: script.options ?? {}, exports: script.exports ?? ["default"], blocking: false };
      },
      createMetrics() {
        metrics = fakeMetrics(script);
        return metrics;
      },
      createFactory({ control }) {
        factory = new FakeVuFactory((req) => {
          script.onIteration?.(control, req);
          return script.iterationMs ?? 10;
        });
        const f = factory;
        f.lifecycle = (name, args) => (script.lifecycle ? script.lifecycle(name, args, control) : Promise.resolve(name === "setup" ? { token: "t" } : undefined));
        const create = f.create.bind(f);
        f.create = async (id, idInTest) => {
          const vu = await create(id, idInTest);
          const run = vu.runIteration.bind(vu);
          return { ...vu, runIteration: async (r, s) => {
            const o = await run(r, s);
            if (o.status === "completed") metrics?.add({ metric: "iterations", time: Date.now(), value: 1, tags: {} });
            return o;
          } };
        };
        return f;
      },
    },
    {
      cli: {}, processEnv: {}, globalEnv: {}, summaryMode: "compact",
      console: { stdout: (t) => (out += t), stderr: (t) => (err += t), isStdOutTTY: false, isStdErrTTY: false },
      logger: { log: (level, m) => (err += `${level}: ${m}\n`) },
      ...extra,
    },
  );
  return { result, out, err, factory: factory!, lifecycleNames: factory?.lifecycleCalls.map((c) => c.name) ?? [] };
}

test("a clean run exits 0: setup data reaches the VUs and teardown, the default summary is printed", async () => {
  const { result, out, factory, lifecycleNames } = await runFake({ exports: ["default", "setup", "teardown"], options: { iterations: 3, vus: 1 } });
  assert.equal(result.exitCode, 0);
  assert.deepEqual(lifecycleNames, ["setup", "teardown"]);
  assert.deepEqual(factory.setupData, { token: "t" });
  assert.deepEqual(factory.lifecycleCalls[1]!.args, [{ token: "t" }]);
  assert.match(out, /^TEXT SUMMARY \{"iterations":\{"values":\{"count":3\}\}\}/);
  assert.deepEqual(result.summaryData?.setup_data, { token: "t" });
});

test("invalid options exit 104 before anything runs, listing the problems", async () => {
  const { result, err, lifecycleNames } = await runFake({ exports: ["default", "setup"], options: { vus: 5, iterations: 2 } });
  assert.equal(result.exitCode, 104);
  assert.match(err, /iterations \(2\) can't be less than the number of VUs \(5\)/);
  assert.deepEqual(lifecycleNames, []);
  const noExec = await runFake({ exports: ["default"], options: { scenarios: { a: { executor: "shared-iterations", exec: "nope" } } } });
  assert.equal(noExec.result.exitCode, 104);
  assert.match(noExec.err, /function "nope" is not exported/);
});

test("setup throwing exits 107 and skips teardown", async () => {
  const { result, lifecycleNames, err } = await runFake({
    exports: ["default", "setup", "teardown"],
    lifecycle: async (name) => {
      if (name === "setup") throw new Error("boom in setup");
    },
  });
  assert.equal(result.exitCode, 107);
  assert.deepEqual(lifecycleNames, ["setup"]);
  assert.match(err, /boom in setup/);
});

test("setup and teardown timeouts exit 100 and 101", async () => {
  const slow = (which: string) => async (name: string) => {
    if (name === which) await new Promise((r) => setTimeout(r, 3000));
    return undefined;
  };
  const setup = await runFake({ exports: ["default", "setup", "teardown"], options: { setupTimeout: "1s" }, lifecycle: slow("setup") });
  assert.equal(setup.result.exitCode, 100);
  assert.match(setup.err, /setup execution timed out after 1 seconds/);
  const teardown = await runFake({ exports: ["default", "teardown"], options: { teardownTimeout: "1s" }, lifecycle: slow("teardown") });
  assert.equal(teardown.result.exitCode, 101);
});

test("test.abort() in an iteration exits 108, interrupts the run and still runs teardown", async () => {
  const { result, lifecycleNames } = await runFake({
    exports: ["default", "teardown"],
    options: { vus: 1, duration: "10s" },
    onIteration: (control, req) => {
      if (req.iterationInScenario === 2) control.abort("enough");
    },
  });
  assert.equal(result.exitCode, 108);
  assert.match(result.error!, /enough/);
  assert.deepEqual(lifecycleNames, ["teardown"]);
});

test("failed thresholds exit 99; test.fail() exits 110 and wins over thresholds", async () => {
  const th = await runFake({ options: { iterations: 2 }, thresholds: { failAt: (final) => final } });
  assert.equal(th.result.exitCode, 99);
  const failed = await runFake({
    options: { iterations: 2 },
    thresholds: { failAt: (final) => final },
    onIteration: (control) => control.fail("marked"),
  });
  assert.equal(failed.result.exitCode, 110);
});

test("an abortOnFail threshold stops the run at a periodic evaluation (exit 99), teardown still runs", async () => {
  const started = Date.now();
  const { result, lifecycleNames } = await runFake({
    exports: ["default", "teardown"],
    options: { vus: 1, duration: "20s" },
    iterationMs: 50,
    thresholds: { failAt: (_final, n) => n > 3, abort: true },
  });
  assert.equal(result.exitCode, 99);
  assert.ok(Date.now() - started < 10_000);
  assert.deepEqual(lifecycleNames, ["teardown"]);
});

test("an external abort (signal) exits 105 after teardown and the summary", async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 500);
  const { result, out, lifecycleNames } = await runFake({ exports: ["default", "teardown"], options: { vus: 1, duration: "20s" }, iterationMs: 100 }, { signal: ac.signal });
  assert.equal(result.exitCode, 105);
  assert.deepEqual(lifecycleNames, ["teardown"]);
  assert.match(out, /TEXT SUMMARY/);
});

test("handleSummary output goes to stdout/files; falsy or throwing falls back to the default; --summary-export always", async () => {
  const dir = mkdtempSync(join(tmpdir(), "exec-summary-"));
  const file = join(dir, "custom.txt");
  const exportPath = join(dir, "export.json");
  const custom = await runFake(
    { exports: ["default", "handleSummary"], lifecycle: async (name, args) => (name === "handleSummary" ? { stdout: "MINE\n", [file]: `count=${JSON.stringify((args[0] as { metrics: unknown }).metrics)}` } : undefined) },
    { summaryExport: exportPath },
  );
  assert.equal(custom.out, "MINE\n");
  assert.equal(readFileSync(file, "utf8"), 'count={"iterations":{"values":{"count":1}}}');
  assert.deepEqual(JSON.parse(readFileSync(exportPath, "utf8")), { metrics: { iterations: { values: { count: 1 } } } });

  const falsy = await runFake({ exports: ["default", "handleSummary"], lifecycle: async () => undefined });
  assert.match(falsy.out, /TEXT SUMMARY/);
  const throws = await runFake({ exports: ["default", "handleSummary"], lifecycle: async (n) => { if (n === "handleSummary") throw new Error("bad summary"); } });
  assert.match(throws.out, /TEXT SUMMARY/);
  assert.match(throws.err, /bad summary/);
  assert.equal(throws.result.exitCode, 0);

  const disabled = await runFake({ exports: ["default", "handleSummary"] }, { summaryMode: "disabled", summaryExport: join(dir, "none.json") });
  assert.equal(disabled.out, "");
  assert.deepEqual(disabled.lifecycleNames, []);
});

test("a handleSummary that times out is reported and the default summary printed", async () => {
  const { result, out, err } = await runFake({
    exports: ["default", "handleSummary"],
    options: { handleSummaryTimeout: "1s" },
    lifecycle: async (name) => {
      if (name === "handleSummary") await new Promise((r) => setTimeout(r, 3000));
      return undefined;
    },
  });
  assert.equal(result.exitCode, 0);
  assert.match(err, /handleSummary execution timed out after 1 seconds/);
  assert.match(out, /TEXT SUMMARY/);
});

test("a signal before the start exits 105 without running anything", async () => {
  const ac = new AbortController();
  ac.abort();
  const { result, lifecycleNames } = await runFake({ exports: ["default", "setup"], options: { vus: 50, duration: "10s" } }, { signal: ac.signal });
  assert.equal(result.exitCode, 105);
  assert.deepEqual(lifecycleNames, []);
});
