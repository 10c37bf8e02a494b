// The fields the written objects may use: the TestRun CRD (grafana/k6-operator
// api/v1alpha1/testrun_types.go: TestRunSpec, K6Script, Pod) and the core v1 types it embeds
// (Kubernetes API reference: ObjectMeta, ConfigMap, Secret, EnvVar, Volume, VolumeMount,
// ResourceRequirements). Every key of a written document must be listed here.
import type { YamlValue } from "./yaml.ts";

export type Shape = "scalar" | "string-map" | { fields: Record<string, Shape> } | { items: Shape };

const obj = (fields: Record<string, Shape>): Shape => ({ fields });
const list = (items: Shape): Shape => ({ items });
const S = "scalar" as const;
const MAP = "string-map" as const;

const objectMeta = obj({ name: S, namespace: S, labels: MAP, annotations: MAP, generateName: S });
const keyToPath = list(obj({ key: S, path: S, mode: S }));
const envVar = obj({
  name: S, value: S,
  valueFrom: obj({
    secretKeyRef: obj({ name: S, key: S, optional: S }),
    configMapKeyRef: obj({ name: S, key: S, optional: S }),
    fieldRef: obj({ fieldPath: S, apiVersion: S }),
  }),
});
const volume = obj({
  name: S,
  secret: obj({ secretName: S, items: keyToPath, defaultMode: S, optional: S }),
  configMap: obj({ name: S, items: keyToPath, defaultMode: S, optional: S }),
  emptyDir: obj({ medium: S, sizeLimit: S }),
});
const volumeMount = obj({ name: S, mountPath: S, readOnly: S, subPath: S });
const resources = obj({ requests: obj({ cpu: S, memory: S }), limits: obj({ cpu: S, memory: S }) });
const pod = obj({
  image: S, imagePullPolicy: S, imagePullSecrets: list(obj({ name: S })), metadata: obj({ labels: MAP, annotations: MAP }),
  env: list(envVar), envFrom: list(obj({ secretRef: obj({ name: S }), configMapRef: obj({ name: S }), prefix: S })),
  resources, nodeSelector: MAP, serviceAccountName: S, automountServiceAccountToken: S,
  volumes: list(volume), volumeMounts: list(volumeMount), priorityClassName: S,
});

export const TESTRUN: Shape = obj({
  apiVersion: S, kind: S, metadata: objectMeta,
  spec: obj({
    parallelism: S,
    script: obj({ configMap: obj({ name: S, file: S }), volumeClaim: obj({ name: S, file: S, readOnly: S }), localFile: S }),
    arguments: S, separate: S, ports: list(obj({ containerPort: S, name: S, protocol: S })),
    initializer: pod, starter: pod, runner: pod, quiet: S, paused: S, cleanup: S,
  }),
});
export const CONFIGMAP: Shape = obj({ apiVersion: S, kind: S, metadata: objectMeta, data: MAP, binaryData: MAP, immutable: S });
export const SECRET: Shape = obj({ apiVersion: S, kind: S, metadata: objectMeta, type: S, data: MAP, stringData: MAP, immutable: S });

const BY_KIND: Record<string, Shape> = { TestRun: TESTRUN, ConfigMap: CONFIGMAP, Secret: SECRET };

/** Paths of keys (or values) in a document that its kind does not have; [] when it fits. */
export function unknownFields(doc: YamlValue): string[] {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return ["(document): not a mapping"];
  const kind = typeof doc.kind === "string" ? doc.kind : "";
  const shape = BY_KIND[kind];
  if (!shape) return [`kind: "${kind}" is not one of ${Object.keys(BY_KIND).join(", ")}`];
  const out: string[] = [];
  check(doc, shape, kind, out);
  return out;
}

function check(value: YamlValue, shape: Shape, path: string, out: string[]): void {
  if (shape === "scalar") {
    if (value !== null && typeof value === "object") out.push(`${path}: expected a scalar`);
    return;
  }
  if (shape === "string-map") {
    if (value === null || typeof value !== "object" || Array.isArray(value)) out.push(`${path}: expected a mapping of strings`);
    else for (const [k, v] of Object.entries(value)) if (typeof v !== "string") out.push(`${path}.${k}: expected a string`);
    return;
  }
  if ("items" in shape) {
    if (!Array.isArray(value)) out.push(`${path}: expected a list`);
    else value.forEach((v, i) => check(v, shape.items, `${path}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    out.push(`${path}: expected a mapping`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const sub = shape.fields[k];
    if (sub === undefined) out.push(`${path}.${k}: not a field of ${path.split(".")[0]}`);
    else check(v, sub, `${path}.${k}`, out);
  }
}
