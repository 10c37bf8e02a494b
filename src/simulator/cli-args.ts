// Strict command-line parsing for `npm run sim`; every bad argument is named in the error.
import type { SimulatorOptions } from "./options.ts";

export class CliError extends Error {
  override name = "CliError";
  readonly kind = "bad-argument";
}

export interface CliArgs {
  help: boolean;
  options: SimulatorOptions;
  /** --users-csv: load the population from this file. */
  usersCsv: string | undefined;
  /** --write-csv: write the population to this file before serving. */
  writeCsv: string | undefined;
}

interface Spec {
  flag: string;
  value: "int" | "string" | "bool" | "choice";
  choices?: readonly string[];
  help: string;
  set(a: CliArgs, v: string | number | boolean): void;
}

const o = (a: CliArgs) => a.options as Record<string, unknown>;
const opt = (key: keyof SimulatorOptions) => (a: CliArgs, v: string | number | boolean) => {
  o(a)[key] = v;
};

export const SPECS: readonly Spec[] = [
  { flag: "--host", value: "string", help: "interface to listen on (default 127.0.0.1)", set: opt("host") },
  { flag: "--port", value: "int", help: "port for REST and WebSocket; 0 = ephemeral (default 8445)", set: opt("port") },
  { flag: "--tls", value: "bool", help: "serve https/wss with a self-signed certificate made at start (needs openssl)", set: opt("tls") },
  { flag: "--domain", value: "string", help: "XMPP domain (default finesse.sim); pubsub service is pubsub.<domain>", set: opt("domain") },
  { flag: "--seed", value: "string", help: "seed of the generated population (passwords depend on it)", set: opt("seed") },
  { flag: "--agents", value: "int", help: "generated agents (default 10)", set: opt("agents") },
  { flag: "--supervisors", value: "int", help: "generated supervisors (default 1)", set: opt("supervisors") },
  { flag: "--team-size", value: "int", help: "agents per team (default 20)", set: opt("teamSize") },
  { flag: "--first-id", value: "int", help: "id of the first generated user (default 1001000)", set: opt("firstId") },
  { flag: "--users-csv", value: "string", help: "load users from CSV id,password,extension,teamId,role instead of generating", set: (a, v) => (a.usersCsv = String(v)) },
  { flag: "--write-csv", value: "string", help: "write the population as CSV to this path", set: (a, v) => (a.writeCsv = String(v)) },
  { flag: "--cti-delay-ms", value: "int", help: "delay between a 202 and its event (default 50)", set: opt("ctiDelayMs") },
  { flag: "--presence-grace-ms", value: "int", help: "presence loss → forced logout after this long (default 60000)", set: opt("presenceGraceMs") },
  { flag: "--admin", value: "bool", help: "enable the /admin fault-control endpoint", set: opt("admin") },
  { flag: "--conflict-policy", value: "choice", choices: ["kick-old", "reject-new"], help: "same full JID bound twice (default kick-old)", set: opt("conflictPolicy") },
  { flag: "--notification-ns", value: "string", help: "namespace of <notification> (default urn:xmpp:push:0)", set: opt("notificationNs") },
  { flag: "--deployment", value: "choice", choices: ["UCCE", "UCCX"], help: "state rules and SystemInfo deploymentType (default UCCE)", set: opt("deploymentType") },
  { flag: "--secondary-host", value: "string", help: "host reported as SystemInfo secondaryNode", set: opt("secondaryHost") },
  { flag: "--max-frame-bytes", value: "int", help: "largest accepted WebSocket message (default 1048576)", set: opt("maxFrameBytes") },
  { flag: "--ws-idle-ping-ms", value: "int", help: "WebSocket ping to sockets idle this long; 0 = off (default 60000)", set: opt("wsIdlePingMs") },
  { flag: "--lockout-failures", value: "int", help: "consecutive bad passwords before lockout (default 5)", set: opt("lockoutFailures") },
  { flag: "--lockout-ms", value: "int", help: "lockout duration (default 300000)", set: opt("lockoutMs") },
];

export function usage(): string {
  const lines = ["Usage: npm run sim -- [options]", "", "A Finesse stand-in: REST under /finesse/api and XMPP over WebSocket (RFC 7395) on /ws/.", "", "Options:"];
  for (const s of SPECS) {
    const arg = s.value === "bool" ? "" : s.value === "choice" ? ` <${s.choices!.join("|")}>` : s.value === "int" ? " <n>" : " <value>";
    lines.push(`  ${(s.flag + arg).padEnd(36)} ${s.help}`);
  }
  lines.push(`  ${"--help".padEnd(36)} show this help`);
  return lines.join("\n");
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const a: CliArgs = { help: false, options: { port: 8445 }, usersCsv: undefined, writeCsv: undefined };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      a.help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = SPECS.find((s) => s.flag === flag);
    if (!spec) throw new CliError(`unknown argument ${JSON.stringify(arg)} (see --help)`);
    if (seen.has(flag)) throw new CliError(`${flag} given twice`);
    seen.add(flag);
    let raw: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (spec.value === "bool") {
      if (raw === undefined || raw === "true") spec.set(a, true);
      else if (raw === "false") spec.set(a, false);
      else throw new CliError(`${flag} takes no value or =true/=false, got ${JSON.stringify(raw)}`);
      continue;
    }
    if (raw === undefined) {
      raw = argv[++i];
      if (raw === undefined || raw.startsWith("--")) throw new CliError(`${flag} needs a value`);
    }
    if (spec.value === "int") {
      if (!/^\d+$/.test(raw)) throw new CliError(`${flag} must be a non-negative integer, got ${JSON.stringify(raw)}`);
      spec.set(a, Number(raw));
    } else if (spec.value === "choice") {
      if (!spec.choices!.includes(raw)) throw new CliError(`${flag} must be one of ${spec.choices!.join(", ")}, got ${JSON.stringify(raw)}`);
      spec.set(a, raw);
    } else {
      if (raw === "") throw new CliError(`${flag} must not be empty`);
      spec.set(a, raw);
    }
  }
  if (a.usersCsv !== undefined) {
    for (const f of ["--seed", "--agents", "--supervisors", "--team-size", "--first-id"]) {
      if (seen.has(f)) throw new CliError(`${f} cannot be combined with --users-csv (the CSV defines the users)`);
    }
  }
  return a;
}
