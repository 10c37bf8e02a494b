// End of test output (k6 docs, results-output/end-of-test/custom-summary): handleSummary's return
// value is written to stdout/stderr/files; when it is not exported, returns a falsy value or throws,
// the default text summary is printed; --summary-export is written in every case. The "disabled"
// summary mode skips all of it (k6 docs, k6-options/reference#summary-mode).
import { writeFile } from "node:fs/promises";
import type { Logger } from "./log.ts";
import type { Console, MetricsPort } from "./ports.ts";

export type SummaryMode = "compact" | "full" | "disabled";

export interface SummaryRequest {
  data: Record<string, unknown>;
  mode: SummaryMode;
  exportPath: string | undefined;
  hasHandleSummary: boolean;
  callHandleSummary(): Promise<unknown>;
  metrics: MetricsPort;
  console: Console;
  logger: Logger;
}

export async function writeSummary(req: SummaryRequest): Promise<void> {
  if (req.mode === "disabled") return;
  let result: unknown;
  if (req.hasHandleSummary) {
    try {
      result = await req.callHandleSummary();
    } catch (e) {
      req.logger.log("error", `handleSummary() failed: ${(e as Error).message}`);
      result = undefined;
    }
  }
  const outputs: Record<string, unknown> = {};
  if (result && typeof result === "object") Object.assign(outputs, result);
  else if (result) req.logger.log("error", `handleSummary() must return an object, got ${typeof result}`);
  const useDefault = !result || typeof result !== "object";
  if (useDefault) req.console.stdout(req.metrics.textSummary(req.data));
  if (req.exportPath !== undefined) outputs[req.exportPath] = req.metrics.summaryExport(req.data);
  for (const [target, content] of Object.entries(outputs)) {
    const text = toText(content);
    if (text === undefined) {
      req.logger.log("error", `handleSummary(): the value for "${target}" must be a string or an ArrayBuffer`);
      continue;
    }
    try {
      if (target === "stdout") req.console.stdout(typeof text === "string" ? text : Buffer.from(text).toString());
      else if (target === "stderr") req.console.stderr(typeof text === "string" ? text : Buffer.from(text).toString());
      else await writeFile(target, text);
    } catch (e) {
      req.logger.log("error", `could not write the summary to ${target}: ${(e as Error).message}`);
    }
  }
}

function toText(v: unknown): string | Uint8Array | undefined {
  if (typeof v === "string") return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  // An ArrayBuffer from another realm (the VU's) fails instanceof; check its tag.
  if (Object.prototype.toString.call(v) === "[object ArrayBuffer]") return new Uint8Array(v as ArrayBuffer);
  return undefined;
}
