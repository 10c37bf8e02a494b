// The live progress block like k6's (k6 run on a terminal):
//   running (0m05.2s), 02/10 VUs, 37 complete and 0 interrupted iterations
//   default   [=====>---------------] 10 VUs  05.0s/10s
// Shown only on a TTY and never under CI or --quiet.
import type { ProgressState } from "../runtime/index.ts";

const BAR = 40;

export function renderProgress(s: ProgressState): string[] {
  const head = `running (${clock(s.elapsedMs)}), ${pad2(s.vusActive, s.vusMax)}/${s.vusMax} VUs, ${s.completed} complete and ${s.interrupted} interrupted iterations`;
  const width = Math.max(...s.scenarios.map((x) => x.name.length), 7);
  const lines = s.scenarios.map((x) => {
    const filled = Math.round(Math.min(1, Math.max(0, x.progress)) * BAR);
    const bar = filled >= BAR ? "=".repeat(BAR) : `${"=".repeat(filled)}>${"-".repeat(BAR - filled - 1)}`;
    const status = x.waiting ? "waiting" : x.finished ? "✓" : `${x.vus} VUs`;
    const right = x.iterations !== undefined ? `${x.started}/${x.iterations} iters` : `${seconds(x.elapsedMs)}/${seconds(x.durationMs)}`;
    return `${x.name.padEnd(width)} [${bar}] ${status}  ${right}`;
  });
  return [head, ...lines];
}

/** Whether to draw progress: a TTY, not quiet, not CI (k6 disables it for non-TTY output). */
export function progressEnabled(isTTY: boolean, quiet: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && !quiet && !env.CI;
}

function clock(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const s = (ms - m * 60_000) / 1000;
  return `${m}m${s.toFixed(1).padStart(4, "0")}s`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).padStart(4, "0")}s`;
}

function pad2(n: number, max: number): string {
  return String(n).padStart(String(max).length, "0");
}
