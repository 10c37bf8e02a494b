// A small flag parser with pflag conventions as k6 uses them: `--name value`, `--name=value`,
// `-x value`, `-x=value`, `-xvalue`, repeatable flags, `--` ends the flags. Unknown flags and bad
// values are errors naming the flag.

import type { CliIo } from "./io.ts";

export type FlagType = "string" | "int" | "bool";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  repeat?: boolean;
  help: string;
  /** placeholder for the value in --help */
  value?: string;
}

export class UsageError extends Error {
  override name = "UsageError";
  readonly kind = "usage";
  readonly flag: string | undefined;
  constructor(message: string, flag?: string) {
    super(message);
    this.flag = flag;
  }
}

export interface Parsed {
  flags: Map<string, Array<string | number | boolean>>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): Parsed {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags = new Map<string, Array<string | number | boolean>>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    let shown = arg;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      shown = `--${name}`;
      spec = byName.get(name);
    } else if (arg.startsWith("-") && arg.length > 1) {
      const short = arg[1]!;
      shown = `-${short}`;
      spec = byShort.get(short);
      if (arg.length > 2) inline = arg[2] === "=" ? arg.slice(3) : arg.slice(2);
    } else {
      positionals.push(arg);
      continue;
    }
    if (!spec) throw new UsageError(`unknown flag: ${shown}`, shown);
    let raw: string;
    if (spec.type === "bool") {
      raw = inline ?? "true";
    } else if (inline !== undefined) {
      raw = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`flag needs an argument: ${shown}`, shown);
      raw = next;
      i++;
    }
    const value = convert(spec, raw, shown);
    const list = flags.get(spec.name) ?? [];
    if (!spec.repeat) list.length = 0;
    list.push(value);
    flags.set(spec.name, list);
  }
  return { flags, positionals };
}

function convert(spec: FlagSpec, raw: string, shown: string): string | number | boolean {
  switch (spec.type) {
    case "bool":
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      throw new UsageError(`invalid argument "${raw}" for "${shown}" flag: expected true or false`, shown);
    case "int":
      if (!/^\d+$/.test(raw)) throw new UsageError(`invalid argument "${raw}" for "${shown}" flag: expected a non-negative integer`, shown);
      return Number(raw);
    case "string":
      return raw;
  }
}

/** Renders the flag list for --help. */
export function flagHelp(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const names = `${s.short ? `-${s.short}, ` : "    "}--${s.name}${s.type === "bool" ? "" : ` ${s.value ?? s.type}`}`;
    return [names, s.help] as const;
  });
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  return rows.map(([n, h]) => `  ${n.padEnd(width)}${h}`).join("\n");
}

/**
 * A command's flags, or its exit code when parsing already decided it: a usage error is printed with the
 * command's help (2), `--help` prints the help (0). The specs must include the `help` flag.
 */
export function parseCommandArgs(argv: readonly string[], specs: readonly FlagSpec[], io: CliIo, command: string, help: string): Parsed | number {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv, specs);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`finesse-load ${command}: ${e.message}\n\n${help}`);
    return 2;
  }
  if (parsed.flags.get("help")?.at(-1) === true) {
    io.stdout(help);
    return 0;
  }
  return parsed;
}
