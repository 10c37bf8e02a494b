// The runtime's real pieces behind the execution layer's ports.
import type { TestParts } from "./lifecycle.ts";
import type { Console } from "./ports.ts";
import type { RunOptions } from "./run-options.ts";

export function defaultParts(scriptPath: string, _o: RunOptions, _env: Record<string, string>, _out: Console): TestParts {
  throw new Error(`cannot run ${scriptPath}: the VU layer is not wired in yet`);
}
