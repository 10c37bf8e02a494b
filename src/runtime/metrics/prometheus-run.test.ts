// --out prometheus=HOST:PORT through runTest: scraped while the run goes on, closed at the end, and
// bad addresses or trend stats refused before the run starts (exit 104).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseOutputs } from "../execution/parts.ts";
import { parseListenAddress } from "./outputs.ts";
import { OptionsError, runTest, type RunOptions } from "../index.ts";

const LIVE = join(import.meta.dirname, "fixtures", "live-metrics.js");
const BASIC = join(import.meta.dirname, "..", "execution", "fixtures", "basic.js");

function start(script: string, o: RunOptions) {
  let err = "";
  let announce: (url: string) => void = () => {};
  const announced = new Promise<string>((resolve) => (announce = resolve));
  const result = runTest(script, {
    workers: 0,
    includeSystemEnv: false,
    processEnv: {},
    quiet: true,
    console: {
      stdout: () => {},
      stderr: (t) => {
        err += t;
        const m = /prometheus output: serving (http:\/\/\S+?)\\?"/.exec(t);
        if (m) announce(m[1]!);
      },
      isStdOutTTY: false,
      isStdErrTTY: false,
    },
    ...o,
  });
  return { result, announced, err: () => err };
}

/** Scrapes until `name` appears: every 100 ms, for at most 60 s (worker threads start slowly on a busy machine). */
async function scrapeUntil(url: string, name: string): Promise<string> {
  let body = "";
  for (let i = 0; i < 600; i++) {
    body = await (await fetch(url)).text();
    if (body.includes(name)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${name} never appeared in:\n${body}`);
}

for (const workers of [0, 1]) {
  test(`a run serves k6-named series while it goes on and stops serving at the end (workers: ${workers})`, async () => {
    // the run lasts until the test has scraped what it needs, then is stopped (k6 exit code 105)
    const stop = new AbortController();
    const run = start(LIVE, {
      workers, out: ["prometheus=127.0.0.1:0"], env: { DURATION: "90s" }, signal: stop.signal,
      processEnv: { K6_PROMETHEUS_RW_TREND_STATS: "p(99),max" },
    });
    try {
      const url = await Promise.race([run.announced, run.result.then(() => assert.fail(`no endpoint announced:\n${run.err()}`))]);
      const body = await scrapeUntil(url, "k6_login_ok_rate");
      assert.match(body, /^k6_sessions_opened_total\{scenario="default",target="primary"\} \d+$/m);
      assert.match(body, /^k6_time_to_ready_p99\{scenario="default",target="primary"\} 0\.25$/m);
      assert.match(body, /^k6_time_to_ready_max\{scenario="default",target="primary"\} 0\.25$/m);
      assert.match(body, /^k6_login_ok_rate\{scenario="default"\} 1$/m);
      stop.abort();
      const { exitCode } = await run.result;
      assert.equal(exitCode, 105);
      await assert.rejects(fetch(url), "the endpoint is closed when the run ends");
    } finally {
      stop.abort();
      await run.result;
    }
  });
}

test("a bad address, a taken port or bad trend stats exit 104 naming the flag or variable", async () => {
  const bad = await start(LIVE, { out: ["prometheus=localhost"] }).result;
  assert.equal(bad.exitCode, 104);
  assert.match(bad.error ?? "", /--out prometheus=localhost: expected HOST:PORT/);
  const unknown = await start(LIVE, { out: ["statsd=127.0.0.1:8125"] }).result;
  assert.equal(unknown.exitCode, 104);
  assert.match(unknown.error ?? "", /unsupported output "statsd"/);
  const stats = await start(LIVE, { out: ["prometheus=127.0.0.1:0"], processEnv: { K6_PROMETHEUS_RW_TREND_STATS: "p(99),mean" } }).result;
  assert.equal(stats.exitCode, 104);
  assert.match(stats.error ?? "", /K6_PROMETHEUS_RW_TREND_STATS: unsupported trend stat "mean"/);

  const holder = createServer();
  await new Promise<void>((r) => holder.listen(0, "127.0.0.1", r));
  const port = (holder.address() as AddressInfo).port;
  try {
    const taken = await start(LIVE, { out: [`prometheus=127.0.0.1:${port}`] }).result;
    assert.equal(taken.exitCode, 104);
    assert.match(taken.error ?? "", new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(.*EADDRINUSE`));
  } finally {
    holder.close();
  }
});

test("the endpoint is closed when the options turn out invalid after it started", async () => {
  const run = start(BASIC, { out: ["prometheus=127.0.0.1:0"], vus: 10 });
  const url = await run.announced;
  const { exitCode } = await run.result;
  assert.equal(exitCode, 104);
  await new Promise((r) => setImmediate(r));
  await assert.rejects(fetch(url));
});

test("--out values: json paths, one prometheus address (HOST:PORT, [IPv6]:PORT, :PORT), every bad one named", () => {
  assert.deepEqual(parseOutputs(["json", "json=a.gz", "prometheus=127.0.0.1:9464"]), {
    json: ["-", "a.gz"],
    prometheus: [{ value: "prometheus=127.0.0.1:9464", host: "127.0.0.1", port: 9464 }],
  });
  assert.deepEqual(parseListenAddress("[::1]:0"), { host: "::1", port: 0 });
  assert.deepEqual(parseListenAddress(":5656"), { host: "0.0.0.0", port: 5656 });
  assert.deepEqual(parseListenAddress("localhost:5656"), { host: "localhost", port: 5656 });
  assert.match(parseListenAddress("host:70000") as string, /port 70000 is out of range/);
  assert.match(parseListenAddress("a b:1") as string, /expected HOST:PORT/);
  assert.throws(() => parseOutputs(["prometheus=:1", "prometheus=:2", "csv=x.csv", "prometheus=x"]), (e: unknown) =>
    e instanceof OptionsError && e.problems.length === 3
    && /unsupported output "csv"/.test(e.message) && /prometheus=x: expected HOST:PORT/.test(e.message) && /given 2 times/.test(e.message));
});
