// `finesse-load k8s <scenario> --parallelism N`: Kubernetes manifests for a distributed run with the
// k6-operator (k6 docs, set-up/set-up-distributed-k6): the bundle in a ConfigMap, the configuration
// in a Secret, and a TestRun whose N runners each run one execution segment of the test.
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { loadConfig } from "../../config/index.ts";
import { flagHelp, parseCommandArgs, UsageError, type FlagSpec } from "../args.ts";
import type { CliIo, Command } from "../io.ts";
import {
  buildManifest, CONFIG_MOUNT, DEFAULT_IMAGE, dnsName, isBefore16, K8sManifestError, parseResources, toYamlDocuments, unknownFields, type ManifestInput,
} from "../k8s/index.ts";
import { chooseScript, ensureBundle, RunSetupError, writeFileAtomic } from "../run-folder/index.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "parallelism", short: "p", type: "int", value: "N", help: "number of k6 runner pods (required)" },
  { name: "config", short: "c", type: "string", value: "FILE", help: "configuration JSON, put in a Secret with the agents CSV it names" },
  { name: "target", short: "t", type: "string", value: "URL", help: "Finesse REST URL (FINESSE_TARGET), e.g. https://finesse-a.example.com" },
  { name: "env", short: "e", type: "string", repeat: true, value: "KEY=VALUE", help: "an environment variable for every runner (in __ENV; repeatable)" },
  { name: "name", type: "string", value: "NAME", help: "TestRun name (default finesse-<scenario>); the ConfigMap and Secret are NAME-bundle and NAME-config" },
  { name: "namespace", short: "n", type: "string", value: "NS", help: "namespace of every object (default: kubectl's current one)" },
  { name: "image", type: "string", value: "IMAGE", help: `runner image (default ${DEFAULT_IMAGE}); a grafana/k6 tag before 1.6.0 gets the k6/experimental/websockets bundle` },
  { name: "cpu", type: "string", value: "REQ[:LIMIT]", help: 'CPU per runner, e.g. "1" or "500m:2" (request:limit)' },
  { name: "memory", type: "string", value: "REQ[:LIMIT]", help: 'memory per runner, e.g. "1Gi" or "512Mi:2Gi"' },
  { name: "separate", type: "bool", help: "one runner per node (pod anti-affinity)" },
  { name: "cleanup", type: "bool", help: "delete the TestRun and its pods when the run ends (spec.cleanup: post)" },
  { name: "prometheus-rw", type: "string", value: "URL", help: "remote-write the runners' metrics there (k6 -o experimental-prometheus-rw)" },
  { name: "out", short: "o", type: "string", value: "FILE|-", help: "where the YAML goes (default -, standard output)" },
  { name: "help", short: "h", type: "bool", help: "show this help" },
];

const HELP = `Usage: finesse-load k8s [flags] SCENARIO|SCRIPT.js --parallelism N

Writes the Kubernetes objects for a distributed run with the k6-operator, to apply with
"kubectl apply -f FILE": a ConfigMap holding the bundle (a scenario is built first when its bundle
is missing or stale), a Secret holding the --config file and the agents CSV it names, and a
k6-operator TestRun with N runners. Each runner runs one execution segment of the test; agents stay
unique across runners because each iteration's agents follow exec.scenario.iterationInTest.

The Secret holds the configuration as given, passwords included (the runners need them), so the
file is as sensitive as the configuration itself: keep it out of version control, or apply the
Secret from your own secret store and drop it from the file. Runners read it at ${CONFIG_MOUNT}.

Flags:
${flagHelp(FLAGS)}

Exit codes:
  0  the manifests were written
  2  bad flags, an unreadable or invalid input, a bundle over the 1 MiB ConfigMap limit, or an
     output that cannot be written
`;

const EXIT_BAD_INPUT = 2;

class InputError extends Error {
  override name = "InputError";
  readonly kind = "input";
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string, help = false): number => {
    io.stderr(`finesse-load k8s: ${message}\n${help ? `\n${HELP}` : ""}`);
    return EXIT_BAD_INPUT;
  };
  const parsed = parseCommandArgs(argv, FLAGS, io, "k8s", HELP);
  if (typeof parsed === "number") return parsed;
  const { flags, positionals } = parsed;
  const one = <T>(name: string): T | undefined => flags.get(name)?.at(-1) as T | undefined;
  if (positionals.length !== 1) {
    return fail(positionals.length === 0 ? "a scenario name or script path is required" : `k8s takes one scenario, got ${positionals.length}: ${positionals.join(" ")}`, true);
  }
  const parallelism = one<number>("parallelism");
  if (parallelism === undefined) return fail("--parallelism N is required", true);
  if (parallelism < 1) return fail(`--parallelism ${parallelism}: at least 1 runner`);
  try {
    const input = await manifestInput(positionals[0]!, parallelism, one, (flags.get("env") ?? []) as string[], io);
    const docs = buildManifest(input);
    const problems = docs.flatMap((d) => unknownFields(d));
    if (problems.length > 0) throw new Error(`internal: the manifest has fields the operator does not know: ${problems.join("; ")}`);
    const yaml = toYamlDocuments(docs);
    const out = one<string>("out") ?? "-";
    if (out === "-") io.stdout(yaml);
    else {
      const path = resolve(io.cwd, out);
      try {
        await writeFileAtomic(path, yaml);
      } catch (e) {
        return fail(`--out ${out}: cannot write (${(e as Error).message})`);
      }
      const kinds = docs.map((d) => (d as { kind: string; metadata: { name: string } })).map((d) => `${d.kind} ${d.metadata.name}`);
      io.stderr(`wrote ${path}: ${kinds.join(", ")} (${parallelism} runner${parallelism === 1 ? "" : "s"})\n` +
        `${input.config !== undefined ? "the Secret holds the configuration with its passwords: keep the file private\n" : ""}` +
        `apply with: kubectl apply -f ${out}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof K8sManifestError || e instanceof RunSetupError || e instanceof InputError) return fail(e.message);
    throw e;
  }
}

async function manifestInput(
  arg: string, parallelism: number, one: <T>(name: string) => T | undefined, envPairs: string[], io: CliIo,
): Promise<ManifestInput> {
  const env: Record<string, string> = {};
  for (const kv of envPairs) {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new UsageError(`invalid argument "${kv}" for "--env" flag: expected NAME=VALUE`, "--env");
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const image = one<string>("image");
  // k6 before v1.6.0 has k6/websockets only as k6/experimental/websockets (k6 v1.6.0 release notes)
  const legacyWebsockets = image !== undefined && isBefore16(image);
  const choice = await chooseScript(arg, io.cwd, { legacyWebsockets });
  await ensureBundle(choice, { legacyWebsockets });
  const bundle = await readText(choice.script, choice.fromScenario ? `the bundle of ${choice.scenario}` : arg);
  if (legacyWebsockets && /from\s*["']k6\/websockets["']/.test(bundle)) {
    throw new InputError(`--image ${image}: k6 before v1.6.0 has no k6/websockets, which ${arg} imports; build it with --k6-before-1.6 or use a newer image`);
  }
  const target = one<string>("target");
  if (target !== undefined && !/^https?:\/\/[^\s/]+/.test(target)) throw new InputError(`--target "${target}": expected an http:// or https:// URL`);
  const prometheusRw = one<string>("prometheus-rw");
  if (prometheusRw !== undefined && !/^https?:\/\/[^\s/]+/.test(prometheusRw)) {
    throw new InputError(`--prometheus-rw "${prometheusRw}": expected an http:// or https:// URL, e.g. http://prometheus:9090/api/v1/write`);
  }
  const input: ManifestInput = {
    name: one<string>("name") ?? dnsName(`finesse-${choice.scenario}`),
    scriptFile: `${dnsName(choice.scenario, 200) || "script"}.js`,
    bundle,
    parallelism,
    env,
    separate: one<boolean>("separate") === true,
    cleanup: one<boolean>("cleanup") === true,
  };
  const namespace = one<string>("namespace");
  if (namespace !== undefined) input.namespace = namespace;
  if (image !== undefined) input.image = image;
  const cpu = one<string>("cpu");
  if (cpu !== undefined) input.cpu = parseResources(cpu, "--cpu");
  const memory = one<string>("memory");
  if (memory !== undefined) input.memory = parseResources(memory, "--memory");
  if (target !== undefined) input.target = target;
  if (prometheusRw !== undefined) input.prometheusRw = prometheusRw;

  const configFlag = one<string>("config");
  const overrides = [target !== undefined ? `targets[0].restUrl=${target}` : "", env.FINESSE_SET ?? ""].filter((s) => s !== "").join(",");
  if (configFlag === undefined) {
    if (overrides === "") throw new InputError("give --config FILE, or --target URL (with -e FINESSE_SET=… for the rest): the runners need a configuration");
    check(loadConfig({ source: "--target/FINESSE_SET", overrides }));
    return input;
  }
  const configPath = resolve(io.cwd, configFlag);
  input.config = await readText(configPath, `--config ${configFlag}`);
  const config = check(loadConfig({ text: input.config, source: configFlag, overrides }));
  const csv = config.agents.csv;
  if (csv !== undefined && env.FINESSE_AGENTS_CSV === undefined) {
    // as the glue resolves it: relative to the configuration file
    const csvPath = isAbsolute(csv) ? csv : join(dirname(configPath), csv);
    input.agentsCsv = await readText(csvPath, `agents.csv "${csv}" of ${configFlag}`);
  }
  return input;
}

function check<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw new InputError(result.error.message);
  return result.value;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw new InputError(`${what}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export const command: Command = { name: "k8s", summary: "write a k6-operator TestRun, its ConfigMap and Secret for a distributed run", run };
