// k6's log line format on stderr: time="…" level=warning msg="…".
import type { Console } from "./ports.ts";

export type Level = "debug" | "info" | "warning" | "error";

export interface Logger {
  log(level: Level, message: string): void;
}

export function consoleLogger(out: Console): Logger {
  return {
    log(level, message) {
      out.stderr(`time="${new Date().toISOString()}" level=${level} msg=${JSON.stringify(message)}\n`);
    },
  };
}
