// Test support: a VU loaded from modules/fixtures with an in-memory sink and logger.
import { join } from "node:path";
import type { IterationRequest, Sample, ScenarioInfo } from "../contracts.ts";
import { createVu, memoryLogger, type InThreadVu, type VuConfig } from "../vu/index.ts";

export interface TestVu {
  vu: InThreadVu;
  samples: Sample[];
  logs: ReturnType<typeof memoryLogger>["entries"];
  /** calls an exported function outside any iteration and returns its JSON value */
  call(name: string, ...args: unknown[]): unknown;
}

export async function fixtureVu(script: string, id = 1, config: Partial<VuConfig> = {}): Promise<TestVu> {
  const samples: Sample[] = [];
  const logger = memoryLogger();
  const vu = await createVu({
    script: join(import.meta.dirname, "fixtures", script),
    id,
    sink: { add: (s) => void samples.push(s) },
    logger,
    ...config,
  });
  const call = (name: string, ...args: unknown[]): unknown => {
    const fn = vu.exports[name] as (...a: unknown[]) => unknown;
    return JSON.parse(JSON.stringify(fn(...args)) ?? "null");
  };
  return { vu, samples, logs: logger.entries, call };
}

export function iteration(exec = "default", n = 0, extra: Partial<ScenarioInfo> = {}): IterationRequest {
  const scenario: ScenarioInfo = { name: "default", executor: "shared-iterations", exec, startTime: 1_700_000_000_000, env: {}, tags: { scenario: "default" }, ...extra };
  return { scenario, iterationInScenario: n, iterationInTest: n + 100, progress: 0.25 };
}

export const NEVER = new AbortController().signal;
