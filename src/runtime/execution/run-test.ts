// runTest(): run a k6 script file the way `k6 run` does and return its exit code and summary data.
import { executeTest, type TestParts, type TestResult } from "./lifecycle.ts";
import { consoleLogger } from "./log.ts";
import type { Console } from "./ports.ts";
import { cliLayer, type RunOptions } from "./run-options.ts";
import { defaultParts } from "./parts.ts";

export function processConsole(): Console {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isStdOutTTY: process.stdout.isTTY === true,
    isStdErrTTY: process.stderr.isTTY === true,
  };
}

export async function runTest(scriptPath: string, o: RunOptions = {}, parts?: TestParts): Promise<TestResult> {
  const processEnv = o.processEnv ?? process.env;
  const globalEnv: Record<string, string> = {};
  if (o.includeSystemEnv ?? true) for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) globalEnv[k] = v;
  Object.assign(globalEnv, o.env ?? {});
  const out = o.console ?? processConsole();
  return executeTest(parts ?? defaultParts(scriptPath, o, globalEnv, out), {
    cli: cliLayer(o),
    processEnv,
    globalEnv,
    ...(o.summaryExport !== undefined ? { summaryExport: o.summaryExport } : {}),
    summaryMode: o.summaryMode ?? "compact",
    console: out,
    logger: consoleLogger(out),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onStart ? { onStart: o.onStart } : {}),
  });
}
