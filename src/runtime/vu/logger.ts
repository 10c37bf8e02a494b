// The runtime's log sink for VU output: console.* from scripts (k6 docs, javascript-api/console:
// log→info, debug only with --verbose), exceptions (source=stacktrace) and runtime warnings.

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogFields {
  /** __VU of the VU that logged (0 for the init/setup/teardown VUs) */
  vu: number;
  /** __ITER, when inside an iteration */
  iter?: number;
  scenario?: string;
  /** "console" for console.*, "stacktrace" for exceptions, absent for runtime messages */
  source?: "console" | "stacktrace";
}

export interface VuLogger {
  log(level: LogLevel, message: string, fields: LogFields): void;
}

/** k6's text log format on stderr: time="…" level=… msg="…" source=…; debug only when verbose. */
export function stderrLogger(verbose = false): VuLogger {
  return {
    log(level, message, fields) {
      if (level === "debug" && !verbose) return;
      const source = fields.source ? ` source=${fields.source}` : "";
      process.stderr.write(`time="${new Date().toISOString()}" level=${level === "warn" ? "warning" : level} msg=${JSON.stringify(message)}${source}\n`);
    },
  };
}

/** A logger that keeps entries in memory (tests, and callers that forward logs elsewhere). */
export function memoryLogger(): VuLogger & { entries: Array<{ level: LogLevel; message: string; fields: LogFields }> } {
  const entries: Array<{ level: LogLevel; message: string; fields: LogFields }> = [];
  return { entries, log: (level, message, fields) => void entries.push({ level, message, fields }) };
}

/** console.* arguments joined as k6 prints them: strings as-is, objects as JSON. */
export function formatConsoleArgs(args: readonly unknown[]): string {
  return args.map(formatValue).join(" ");
}

function formatValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || typeof v !== "object") return typeof v === "function" ? "[object Function]" : String(v);
  const tag = Object.prototype.toString.call(v);
  if (tag === "[object Error]") {
    const e = v as Error;
    return e.stack ?? `${e.name}: ${e.message}`;
  }
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
