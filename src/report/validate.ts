// Small shape checks for JSON input; failures name the file and the JSON path.
import { ReportInputError } from "./errors.ts";

export type Json = unknown;

export function expectObject(v: unknown, file: string, at: string): Record<string, Json> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new ReportInputError("shape", file, `${at}: expected an object, got ${describe(v)}`);
  }
  return v as Record<string, Json>;
}

export function expectNumber(v: unknown, file: string, at: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ReportInputError("shape", file, `${at}: expected a number, got ${describe(v)}`);
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  const text = JSON.stringify(v);
  return text.length > 40 ? `${typeof v} ${text.slice(0, 40)}…` : `${typeof v} ${text}`;
}
