import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "../io.ts";
import { DEFAULT_IMAGE, OBJECT_LIMIT_BYTES, unknownFields } from "../k8s/index.ts";
import { readYamlDocuments } from "../k8s/yaml-read.test-helper.ts";
import { command } from "./k8s.ts";

const TINY = join(import.meta.dirname, "..", "k8s", "fixtures", "tiny.js");
const ROOT = join(import.meta.dirname, "..", "..", "..");

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isStdOutTTY: false, isStdErrTTY: false, env: {}, cwd };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "cli-k8s-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CONFIG = {
  targets: [{ restUrl: "https://finesse-a.example.com:8445" }],
  agents: { csv: "agents.csv" },
};
const CSV = "username,password,role,team\nagent001,pa\"ss: #1,agent,t1\n";

type Doc = Record<string, any>;

async function emit(dir: string, args: string[]): Promise<{ code: number; docs: Doc[]; err: string }> {
  const x = io(dir);
  const code = await command.run(args, x);
  const text = x.out.join("");
  return { code, docs: code === 0 ? (readYamlDocuments(text) as Doc[]) : [], err: x.err.join("") };
}

test("a ConfigMap with the bundle, a Secret with the config and its agents CSV, and a TestRun that mounts it; every key a known field", () => withDir(async (dir) => {
  await writeFile(join(dir, "config.json"), JSON.stringify(CONFIG));
  await writeFile(join(dir, "agents.csv"), CSV);
  const { code, docs, err } = await emit(dir, [TINY, "--parallelism", "4", "--config", "config.json", "--target", "https://finesse-b.example.com",
    "-e", "GREETING=hello world", "-e", "QUOTE=a\"b", "--namespace", "load", "--cpu", "1:2", "--memory", "1Gi", "--separate", "--cleanup"]);
  assert.equal(code, 0, err);
  assert.deepEqual(docs.map((d) => d.kind), ["ConfigMap", "Secret", "TestRun"]);
  for (const d of docs) assert.deepEqual(unknownFields(d), [], d.kind);
  const [cm, secret, testRun] = docs as [Doc, Doc, Doc];

  assert.deepEqual(cm.metadata.name, "finesse-tiny-bundle");
  assert.equal(cm.data["tiny.js"], (await readFile(TINY, "utf8")).replace("//# sourceMappingURL=tiny.js.map\n", ""));
  assert.equal(secret.metadata.name, "finesse-tiny-config");
  assert.deepEqual(secret.stringData, { "config.json": JSON.stringify(CONFIG), "agents.csv": CSV });

  assert.equal(testRun.apiVersion, "k6.io/v1alpha1");
  assert.deepEqual(testRun.metadata.namespace, "load");
  const spec = testRun.spec;
  assert.equal(spec.parallelism, 4);
  assert.deepEqual(spec.script, { configMap: { name: "finesse-tiny-bundle", file: "tiny.js" } });
  assert.equal(spec.separate, true);
  assert.equal(spec.cleanup, "post");
  assert.equal(spec.runner.image, DEFAULT_IMAGE);
  assert.deepEqual(spec.runner.resources, { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "1Gi" } });
  assert.deepEqual(spec.runner.volumes, [{ name: "finesse-config", secret: { secretName: "finesse-tiny-config" } }]);
  assert.deepEqual(spec.runner.volumeMounts, [{ name: "finesse-config", mountPath: "/etc/finesse-load", readOnly: true }]);
  assert.deepEqual(spec.runner.env, [
    { name: "FINESSE_CONFIG", value: "/etc/finesse-load/config.json" },
    { name: "FINESSE_AGENTS_CSV", value: "/etc/finesse-load/agents.csv" },
    { name: "FINESSE_TARGET", value: "https://finesse-b.example.com" },
    { name: "GREETING", value: "hello world" },
    { name: "QUOTE", value: 'a"b' },
  ]);
}));

test("the default image is a pinned grafana/k6 release with stable k6/websockets (v1.6.0 or newer)", () => {
  const m = /^grafana\/k6:(\d+)\.(\d+)\.(\d+)$/.exec(DEFAULT_IMAGE);
  assert.ok(m, DEFAULT_IMAGE);
  assert.ok(Number(m[1]) > 1 || (Number(m[1]) === 1 && Number(m[2]) >= 6), DEFAULT_IMAGE);
});

test("agent identities stay unique across runners: one spec for all, nothing per runner, no segment or offset of our own", () => withDir(async (dir) => {
  await writeFile(join(dir, "config.json"), JSON.stringify({ ...CONFIG, agents: { generated: { count: 100, passwordTemplate: "pw-{id}" } } }));
  const { code, docs, err } = await emit(dir, [TINY, "-p", "8", "-c", "config.json", "--prometheus-rw", "http://prometheus:9090/api/v1/write"]);
  assert.equal(code, 0, err);
  const testRuns = docs.filter((d) => d.kind === "TestRun");
  assert.equal(testRuns.length, 1, "one TestRun whose runners the operator segments");
  const spec = testRuns[0]!.spec;
  // The operator passes --execution-segment per runner; our own would make runners overlap.
  assert.equal(spec.arguments, "--tag testid=finesse-tiny --out experimental-prometheus-rw");
  assert.doesNotMatch(JSON.stringify(spec), /execution-segment|__VU|instance_id|agents\.offset/);
  assert.deepEqual(spec.runner.env.map((e: Doc) => e.name), ["FINESSE_CONFIG", "K6_PROMETHEUS_RW_SERVER_URL"]);
  // …and the glue picks agents by exec.scenario.iterationInTest, unique across execution segments.
  const identity = await readFile(join(ROOT, "src", "k6", "identity.ts"), "utf8");
  assert.match(identity, /exec\.scenario\.iterationInTest/);
}));

test("--out FILE writes the manifests and tells how to apply them", () => withDir(async (dir) => {
  await writeFile(join(dir, "config.json"), JSON.stringify({ ...CONFIG, agents: { generated: { count: 1, passwordTemplate: "pw-{id}" } } }));
  const x = io(dir);
  const code = await command.run([TINY, "-p", "1", "-c", "config.json", "--name", "nightly", "--out", "run.yaml"], x);
  assert.equal(code, 0, x.err.join(""));
  const docs = readYamlDocuments(await readFile(join(dir, "run.yaml"), "utf8")) as Doc[];
  assert.deepEqual(docs.map((d) => d.metadata.name), ["nightly-bundle", "nightly-config", "nightly"]);
  assert.match(x.err.join(""), /kubectl apply -f run\.yaml/);
  assert.match(x.err.join(""), /passwords/);
}));

test("bad input exits 2 naming the flag or file", () => withDir(async (dir) => {
  await writeFile(join(dir, "config.json"), JSON.stringify(CONFIG));
  await writeFile(join(dir, "bad.json"), JSON.stringify({ targets: [] }));
  await writeFile(join(dir, "ws.js"), 'import { WebSocket } from "k6/websockets";\nexport default function () {}\n');
  await writeFile(join(dir, "big.js"), `export default function () {}\n// ${"x".repeat(OBJECT_LIMIT_BYTES)}\n`);
  const cases: Array<[string[], RegExp]> = [
    [[TINY], /--parallelism N is required/],
    [[TINY, "-p", "0", "-c", "config.json"], /--parallelism 0: at least 1 runner/],
    [[TINY, "-p", "x"], /invalid argument "x" for "-p" flag/],
    [[TINY, "-p", "2"], /give --config FILE, or --target URL/],
    [[TINY, "-p", "2", "-c", "missing.json"], /--config missing\.json: cannot read .*ENOENT/],
    [[TINY, "-p", "2", "-c", "bad.json"], /bad\.json: \d+ problem/],
    [[TINY, "-p", "2", "-c", "config.json"], /agents\.csv "agents\.csv" of config\.json: cannot read/],
    [[TINY, "-p", "2", "-c", "config.json", "-e", "FINESSE_AGENTS_CSV=/data/a.csv", "--cpu", "fast"], /--cpu "fast"/],
    [[TINY, "-p", "2", "-c", "config.json", "-e", "FINESSE_AGENTS_CSV=/data/a.csv", "--name", "Bad_Name"], /--name "Bad_Name"/],
    [[TINY, "-p", "2", "-c", "config.json", "-e", "novalue"], /"novalue" for "--env" flag/],
    [[TINY, "-p", "2", "-c", "config.json", "-e", "FINESSE_AGENTS_CSV=/data/a.csv", "--target", "finesse-a"], /--target "finesse-a": expected an http/],
    [[join(dir, "big.js"), "-p", "2", "-c", "config.json", "-e", "FINESSE_AGENTS_CSV=/data/a.csv"], /the bundle big\.js: \d+ bytes, over/],
    [["no-such-scenario", "-p", "2"], /unknown scenario "no-such-scenario"/],
    [[join(dir, "ws.js"), "-p", "2", "-c", "config.json", "-e", "FINESSE_AGENTS_CSV=/data/a.csv", "--image", "grafana/k6:1.5.0"], /k6 before v1\.6\.0 has no k6\/websockets/],
  ];
  for (const [args, message] of cases) {
    const { code, err } = await emit(dir, args);
    assert.equal(code, 2, `${args.join(" ")}: ${err}`);
    assert.match(err, message, args.join(" "));
  }
}));

test("a real scenario bundle fits the ConfigMap and reads back byte for byte", async (t) => {
  const path = join(ROOT, "results", "bundles", "smoke.js");
  const bundle = await readFile(path, "utf8").catch(() => undefined);
  if (bundle === undefined) {
    t.skip("results/bundles/smoke.js is made by the build (npm test builds first)");
    return;
  }
  await withDir(async (dir) => {
    await writeFile(join(dir, "config.json"), JSON.stringify({ ...CONFIG, agents: { generated: { count: 10, passwordTemplate: "pw-{id}" } } }));
    const { code, docs, err } = await emit(dir, [path, "-p", "2", "-c", "config.json"]);
    assert.equal(code, 0, err);
    assert.equal(docs[0]!.data["smoke.js"], bundle.replace(/\/\/# sourceMappingURL=smoke\.js\.map\n?$/, ""));
    assert.equal(docs[2]!.metadata.name, "finesse-smoke");
  });
});
