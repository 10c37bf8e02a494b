// `finesse-load sim …`: the Finesse simulator's command line (src/simulator/cli.ts, `npm run sim`)
// as a subcommand, in a child process whose output and exit code are passed on.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import type { CliIo, Command } from "../io.ts";
import { ROOT } from "../run-folder/index.ts";

const SIM_CLI = join(ROOT, "src", "simulator", "cli.ts");

function simArgs(argv: readonly string[]): string[] {
  return ["--import", "tsx", SIM_CLI, ...argv];
}

/** The simulator's usage, with this command's name. */
function help(io: CliIo): number {
  const r = spawnSync(process.execPath, simArgs(["--help"]), { cwd: io.cwd, encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) {
    io.stderr(`finesse-load sim: cannot show the simulator's help: ${r.stderr || r.error?.message || `exit ${r.status}`}\n`);
    return 1;
  }
  const usage = r.stdout.replace("Usage: npm run sim -- [options]", "Usage: finesse-load sim [options]");
  io.stdout(`${usage}\nExit codes:\n  0  stopped by SIGINT/SIGTERM\n  1  could not stop cleanly\n  2  a bad option (named in the message) or the server could not start\n`);
  return 0;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) return help(io);
  const child = spawn(process.execPath, simArgs(argv), { cwd: io.cwd, env: io.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d: Buffer) => io.stdout(d.toString()));
  child.stderr.on("data", (d: Buffer) => io.stderr(d.toString()));
  const forward = (sig: NodeJS.Signals): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    return await new Promise<number>((resolve) => {
      child.on("error", (e) => {
        io.stderr(`finesse-load sim: cannot start the simulator: ${e.message}\n`);
        resolve(1);
      });
      child.on("close", (code, sig) => resolve(code ?? (sig === "SIGINT" || sig === "SIGTERM" ? 0 : 1)));
    });
  } finally {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  }
}

export const command: Command = { name: "sim", summary: "start the Finesse simulator (REST + XMPP over WebSocket)", run };
