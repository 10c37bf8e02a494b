// `finesse-load build`: the scenario bundles (build.mjs), each a genuine k6 script.
import { resolve } from "node:path";
import { flagHelp, parseCommandArgs, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";
import { buildAtomic, bundlesDir, shownPath } from "../run-folder/index.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "out", short: "o", type: "string", value: "DIR", help: "folder for the bundles (default results/bundles in the package; with --k6-before-1.6 its k6-before-1.6/ subfolder)" },
  { name: "k6-before-1.6", type: "bool", help: "import k6/experimental/websockets, for k6 older than v1.6.0 (no k6/websockets)" },
  { name: "with-scram", type: "bool", help: "build SASL SCRAM-SHA-1/-256 (RFC 5802/7677) in (~10 KB), for targets whose mechanisms name them" },
  { name: "help", short: "h", type: "bool", help: "show this help" },
];

const HELP = `Usage: finesse-load build [flags]

Bundles every scenarios/*.ts into <out>/<name>.js, a k6 script that \`k6 run\` and the embedded
runtime both run, and prints each bundle's size. The files are written to a temporary folder and
moved into place only when the whole build succeeded.

Flags:
${flagHelp(FLAGS)}

Exit codes:
  0  built
  1  the build failed (the message names the scenario and the problem; old bundles are kept)
  2  bad flags
`;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(argv, FLAGS, io, "build", HELP);
  if (typeof parsed === "number") return parsed;
  const { flags, positionals } = parsed;
  if (positionals.length > 0) {
    io.stderr(`finesse-load build: build takes no arguments, got: ${positionals.join(" ")}\n\n${HELP}`);
    return 2;
  }
  const legacy = flags.get("k6-before-1.6")?.at(-1) === true;
  const out = flags.get("out")?.at(-1) as string | undefined;
  const dir = out === undefined ? bundlesDir({ legacyWebsockets: legacy }) : resolve(io.cwd, out);
  try {
    const built = await buildAtomic(dir, legacy, flags.get("with-scram")?.at(-1) === true);
    if (built.length === 0) io.stdout("build: no scenarios in scenarios/\n");
    for (const b of built) {
      io.stdout(`build: ${shownPath(io.cwd, b.bundle)}  ${b.bytes} B  (${b.minifiedBytes} B minified${b.overTarget ? ", over the 64 KiB target" : ""})\n`);
    }
    return 0;
  } catch (e) {
    io.stderr(`finesse-load build: ${out !== undefined ? `--out ${out}: ` : ""}${(e as Error).message}\n`);
    return 1;
  }
}

export const command: Command = { name: "build", summary: "bundle the scenarios into k6 scripts (results/bundles)", run };
