// `finesse-load <command> …`: each file in ./commands/ exports `command` (a Command); adding a
// subcommand is adding one file there.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CliIo, Command } from "./io.ts";

const COMMANDS_DIR = join(import.meta.dirname, "commands");

export async function loadCommands(dir = COMMANDS_DIR): Promise<Command[]> {
  const files = readdirSync(dir).filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith(".test.ts") && !f.endsWith(".d.ts")).sort();
  const out: Command[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { command?: Command };
    if (mod.command) out.push(mod.command);
  }
  return out;
}

export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "Usage: finesse-load <command> [flags]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    'Run "finesse-load <command> --help" for the flags of a command.',
    "",
  ].join("\n");
}

/** Dispatches argv (without node and the script) to a command; resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`finesse-load: unknown command "${name}"\n\n${usage(commands)}`);
    return 2;
  }
  return command.run(rest, io);
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isStdOutTTY: process.stdout.isTTY === true,
    isStdErrTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
