// Shared helpers for the VU conformance tests.
import { join } from "node:path";
import type { IterationRequest, Sample, ScenarioInfo } from "../contracts.ts";
import { memoryLogger } from "./logger.ts";
import { createVu } from "./create.ts";
import type { InThreadVu, VuConfig } from "./vu.ts";

export const FIXTURES = join(import.meta.dirname, "fixtures");

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function scenario(exec = "default", extra: Partial<ScenarioInfo> = {}): ScenarioInfo {
  return { name: "default", executor: "shared-iterations", exec, startTime: Date.now(), env: {}, tags: { scenario: "default" }, ...extra };
}

export function request(exec = "default", n = 0, extra: Partial<ScenarioInfo> = {}): IterationRequest {
  return { scenario: scenario(exec, extra), iterationInScenario: n, iterationInTest: n, progress: 0 };
}

export interface TestVu {
  vu: InThreadVu;
  samples: Sample[];
  logs: ReturnType<typeof memoryLogger>["entries"];
}

export async function testVu(script: string, id = 1, config: Partial<VuConfig> = {}): Promise<TestVu> {
  const samples: Sample[] = [];
  const logger = memoryLogger();
  const vu = await createVu({ script: fixture(script), id, sink: { add: (s) => void samples.push(s) }, logger, ...config });
  return { vu, samples, logs: logger.entries };
}

export function never(): AbortSignal {
  return new AbortController().signal;
}

/** Calls an exported function of the VU's script directly (outside any iteration). */
export function callExport(vu: InThreadVu, name: string, ...args: unknown[]): unknown {
  const fn = vu.exports[name];
  if (typeof fn !== "function") throw new Error(`fixture exports no ${name}`);
  return JSON.parse(JSON.stringify((fn as (...a: unknown[]) => unknown)(...args)) ?? "null");
}
