// The objects `finesse-load k8s` writes: a ConfigMap with the scenario bundle, a Secret with the
// configuration (and agents CSV), and a k6-operator TestRun (k6.io/v1alpha1; grafana/k6-operator
// api/v1alpha1/testrun_types.go) whose runners mount the Secret and read it through FINESSE_CONFIG.
// The operator splits the test with --execution-segment per runner (k6 docs,
// testing-guides/running-large-tests), and every runner gets the same arguments and environment:
// agent identities come from exec.scenario.iterationInTest, which is unique across the segments.
import { K8sManifestError } from "./errors.ts";
import type { YamlValue } from "./yaml.ts";

/** grafana/k6 release used by default: v1.6.0 made k6/websockets stable (k6 v1.6.0 release notes). */
export const DEFAULT_IMAGE = "grafana/k6:1.8.1";
/** A grafana/k6 image tagged with a release before v1.6.0 ("grafana/k6:1.5.0", "grafana/k6:v0.54.0"). */
export function isBefore16(image: string): boolean {
  const m = /(?:^|\/)k6:v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(image);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < 1 || (major === 1 && minor < 6);
}

/** Kubernetes refuses a ConfigMap or Secret larger than 1 MiB (Kubernetes docs, "ConfigMaps"). */
export const OBJECT_LIMIT_BYTES = 1024 * 1024;
/** room kept for the object's metadata within the limit */
const METADATA_ALLOWANCE = 4 * 1024;
export const CONFIG_MOUNT = "/etc/finesse-load";

export interface Resources {
  request?: string;
  limit?: string;
}

export interface ManifestInput {
  /** TestRun name; the ConfigMap and Secret are named after it */
  name: string;
  namespace?: string;
  /** the bundle's file name in the ConfigMap, e.g. smoke.js */
  scriptFile: string;
  bundle: string;
  /** configuration JSON (secrets included: the runners need them) */
  config?: string;
  /** agents CSV, when the configuration names one */
  agentsCsv?: string;
  parallelism: number;
  image?: string;
  cpu?: Resources;
  memory?: Resources;
  /** -e KEY=VALUE, set in every runner's environment (k6 puts it in __ENV) */
  env?: Record<string, string>;
  /** FINESSE_TARGET */
  target?: string;
  separate?: boolean;
  /** spec.cleanup: "post" deletes the TestRun and its pods after the run */
  cleanup?: boolean;
  /** K6_PROMETHEUS_RW_SERVER_URL: runners remote-write their metrics there */
  prometheusRw?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** The operator names runner jobs `<name>-<i>` and services `<name>-service-<i>`, which must stay DNS labels. */
const MAX_NAME = 63 - "-service-".length - 4;
const QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** A DNS-1123 label made from free text: lower case, [a-z0-9-], at most `max` characters. */
export function dnsName(text: string, max = MAX_NAME): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+/, "").slice(0, max).replace(/-+$/, "");
}

export function validateName(name: string, kind: "name" | "namespace"): void {
  const max = kind === "name" ? MAX_NAME : 63;
  if (!DNS_LABEL.test(name) || name.length > max) {
    throw new K8sManifestError(kind, `--${kind} "${name}": use lower-case letters, digits and "-", start and end with a letter or digit, at most ${max} characters`);
  }
}

/** "500m" (request = limit) or "500m:2" (request:limit). */
export function parseResources(text: string, flag: string): Resources {
  const [request, limit, extra] = text.split(":");
  if (extra !== undefined) throw new K8sManifestError("quantity", `${flag} "${text}": expected QUANTITY or REQUEST:LIMIT`);
  const out: Resources = {};
  for (const [key, q] of [["request", request], ["limit", limit ?? request]] as const) {
    if (q === undefined || q === "") continue;
    if (!QUANTITY.test(q)) throw new K8sManifestError("quantity", `${flag} "${text}": "${q}" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)`);
    out[key] = q;
  }
  return out;
}

/** ConfigMap, Secret (when there is a configuration) and TestRun, in the order kubectl must apply them. */
export function buildManifest(input: ManifestInput): YamlValue[] {
  validateName(input.name, "name");
  if (input.namespace !== undefined) validateName(input.namespace, "namespace");
  if (!Number.isInteger(input.parallelism) || input.parallelism < 1) {
    throw new K8sManifestError("parallelism", `--parallelism ${input.parallelism}: at least 1 runner`);
  }
  const image = input.image ?? DEFAULT_IMAGE;
  if (image.trim() === "" || /\s/.test(image)) throw new K8sManifestError("image", `--image "${image}": not an image reference`);
  const metadata = (name: string): { [key: string]: YamlValue } => ({
    name,
    ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
    labels: { "app.kubernetes.io/name": "finesse-load", "app.kubernetes.io/instance": input.name },
  });

  const bundle = stripSourceMap(input.bundle);
  checkSize("ConfigMap", `the bundle ${input.scriptFile}`, { [input.scriptFile]: bundle });
  const docs: YamlValue[] = [{ apiVersion: "v1", kind: "ConfigMap", metadata: metadata(`${input.name}-bundle`), data: { [input.scriptFile]: bundle } }];

  const env: Array<{ name: string; value: string }> = [];
  const volumes: YamlValue[] = [];
  const volumeMounts: YamlValue[] = [];
  if (input.config !== undefined) {
    const files: Record<string, string> = { "config.json": input.config };
    if (input.agentsCsv !== undefined) files["agents.csv"] = input.agentsCsv;
    checkSize("Secret", "the configuration and agents CSV", files);
    docs.push({ apiVersion: "v1", kind: "Secret", metadata: metadata(`${input.name}-config`), type: "Opaque", stringData: files });
    volumes.push({ name: "finesse-config", secret: { secretName: `${input.name}-config` } });
    volumeMounts.push({ name: "finesse-config", mountPath: CONFIG_MOUNT, readOnly: true });
    env.push({ name: "FINESSE_CONFIG", value: `${CONFIG_MOUNT}/config.json` });
    if (input.agentsCsv !== undefined) env.push({ name: "FINESSE_AGENTS_CSV", value: `${CONFIG_MOUNT}/agents.csv` });
  }
  if (input.target !== undefined) env.push({ name: "FINESSE_TARGET", value: input.target });
  if (input.prometheusRw !== undefined) env.push({ name: "K6_PROMETHEUS_RW_SERVER_URL", value: input.prometheusRw });
  for (const [name, value] of Object.entries(input.env ?? {})) {
    if (!ENV_NAME.test(name)) throw new K8sManifestError("env", `-e ${name}=…: "${name}" is not a valid environment variable name`);
    const i = env.findIndex((e) => e.name === name);
    if (i >= 0) env[i] = { name, value };
    else env.push({ name, value });
  }

  const resources: { [key: string]: YamlValue } = {};
  for (const key of ["request", "limit"] as const) {
    const r: { [key: string]: YamlValue } = {};
    if (input.cpu?.[key] !== undefined) r.cpu = input.cpu[key];
    if (input.memory?.[key] !== undefined) r.memory = input.memory[key];
    if (Object.keys(r).length > 0) resources[key === "request" ? "requests" : "limits"] = r;
  }
  const runner: { [key: string]: YamlValue } = {
    image,
    metadata: { labels: { "app.kubernetes.io/name": "finesse-load", "app.kubernetes.io/instance": input.name } },
    ...(env.length > 0 ? { env } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
    ...(volumes.length > 0 ? { volumes, volumeMounts } : {}),
  };
  const spec: { [key: string]: YamlValue } = {
    parallelism: input.parallelism,
    script: { configMap: { name: `${input.name}-bundle`, file: input.scriptFile } },
    // the dashboard picks runs by the testid tag; the name is a DNS label, so no quoting is needed
    arguments: [`--tag testid=${input.name}`, ...(input.prometheusRw !== undefined ? ["--out experimental-prometheus-rw"] : [])].join(" "),
    separate: input.separate === true,
    runner,
    ...(input.cleanup ? { cleanup: "post" } : {}),
  };
  docs.push({ apiVersion: "k6.io/v1alpha1", kind: "TestRun", metadata: metadata(input.name), spec });
  return docs;
}

/** The linked source map is not in the ConfigMap; k6 would look for it next to the script. */
function stripSourceMap(bundle: string): string {
  return bundle.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
}

function checkSize(kind: string, what: string, data: Record<string, string>): void {
  let bytes = 0;
  for (const [k, v] of Object.entries(data)) bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (bytes > OBJECT_LIMIT_BYTES - METADATA_ALLOWANCE) {
    throw new K8sManifestError("too-large", `${what}: ${bytes} bytes, over the ${OBJECT_LIMIT_BYTES - METADATA_ALLOWANCE}-byte room a ${kind} has (Kubernetes refuses objects over 1 MiB)`);
  }
}
