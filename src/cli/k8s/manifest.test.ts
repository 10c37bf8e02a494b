import { test } from "node:test";
import assert from "node:assert/strict";
import { buildManifest, dnsName, isBefore16, K8sManifestError, OBJECT_LIMIT_BYTES, parseResources, unknownFields, type ManifestInput } from "./index.ts";
import { toYamlDocuments } from "./yaml.ts";
import { readYamlDocuments } from "./yaml-read.test-helper.ts";

const base: ManifestInput = { name: "finesse-smoke", scriptFile: "smoke.js", bundle: "export default function () {}\n", parallelism: 2 };
const kindOf = (e: unknown) => (e instanceof K8sManifestError ? e.kind : undefined);

test("names become DNS labels short enough for the operator's runner jobs and services", () => {
  assert.equal(dnsName("finesse-Login_Storm!"), "finesse-login-storm");
  assert.ok(dnsName("x".repeat(100)).length <= 50);
  assert.throws(() => buildManifest({ ...base, name: "Bad_Name" }), (e) => kindOf(e) === "name");
  assert.throws(() => buildManifest({ ...base, namespace: "-ns" }), (e) => kindOf(e) === "namespace");
});

test("resources: one quantity for request and limit, or REQUEST:LIMIT; anything else names the flag", () => {
  assert.deepEqual(parseResources("500m", "--cpu"), { request: "500m", limit: "500m" });
  assert.deepEqual(parseResources("512Mi:2Gi", "--memory"), { request: "512Mi", limit: "2Gi" });
  assert.throws(() => parseResources("lots", "--cpu"), /--cpu "lots": "lots" is not a Kubernetes quantity/);
  assert.throws(() => parseResources("1:2:3", "--memory"), (e) => kindOf(e) === "quantity");
});

test("a bundle over the ConfigMap limit is refused with its size; so is a Secret over it", () => {
  const big = "x".repeat(OBJECT_LIMIT_BYTES);
  assert.throws(() => buildManifest({ ...base, bundle: big }), (e) => kindOf(e) === "too-large" && /the bundle smoke\.js: \d+ bytes.*1 MiB/.test((e as Error).message));
  assert.throws(() => buildManifest({ ...base, config: "{}", agentsCsv: big }), /the configuration and agents CSV: \d+ bytes/);
});

test("parallelism below 1, an invalid env name and a blank image are refused", () => {
  assert.throws(() => buildManifest({ ...base, parallelism: 0 }), (e) => kindOf(e) === "parallelism");
  assert.throws(() => buildManifest({ ...base, env: { "BAD NAME": "1" } }), (e) => kindOf(e) === "env");
  assert.throws(() => buildManifest({ ...base, image: "a b" }), (e) => kindOf(e) === "image");
});

test("the field check finds keys the TestRun, ConfigMap and Secret do not have", () => {
  const [cm, testRun] = buildManifest(base) as Array<Record<string, any>>;
  assert.deepEqual(unknownFields(cm!), []);
  assert.deepEqual(unknownFields(testRun!), []);
  testRun!.spec.runner.replicas = 3;
  testRun!.spec.script.configMap.path = "/x";
  cm!.data = { "smoke.js": 1 };
  assert.deepEqual(unknownFields(testRun!), ["TestRun.spec.script.configMap.path: not a field of TestRun", "TestRun.spec.runner.replicas: not a field of TestRun"]);
  assert.deepEqual(unknownFields(cm!), ["ConfigMap.data.smoke.js: expected a string"]);
  assert.deepEqual(unknownFields({ kind: "Deployment" }), ['kind: "Deployment" is not one of TestRun, ConfigMap, Secret']);
});

test("the linked source map comment is left out of the ConfigMap; the text survives YAML as is", () => {
  const bundle = "// a\nexport default function () {\n  return '#: \"x\"';\n}\n//# sourceMappingURL=smoke.js.map\n";
  const docs = readYamlDocuments(toYamlDocuments(buildManifest({ ...base, bundle }))) as Array<Record<string, any>>;
  assert.equal(docs[0]!.data["smoke.js"], "// a\nexport default function () {\n  return '#: \"x\"';\n}\n");
});

test("images of k6 before v1.6.0 are recognised (they need the k6/experimental/websockets bundle)", () => {
  for (const old of ["grafana/k6:1.5.0", "grafana/k6:v0.54.0", "registry.local/k6:0.49", "grafana/k6:1.5.0-with-browser"]) assert.equal(isBefore16(old), true, old);
  for (const ok of ["grafana/k6:1.6.0", "grafana/k6:2.2.0", "grafana/k6:latest", "grafana/k6", "my/k6-custom:1.0.0"]) assert.equal(isBefore16(ok), false, ok);
});
