// Kubernetes manifests for distributed runs with the k6-operator: the objects, their YAML, and the
// field check against the TestRun CRD and core v1 types.
export { buildManifest, CONFIG_MOUNT, DEFAULT_IMAGE, dnsName, isBefore16, OBJECT_LIMIT_BYTES, parseResources, validateName } from "./manifest.ts";
export type { ManifestInput, Resources } from "./manifest.ts";
export { K8sManifestError } from "./errors.ts";
export type { K8sErrorKind } from "./errors.ts";
export { CONFIGMAP, SECRET, TESTRUN, unknownFields } from "./crd-fields.ts";
export type { Shape } from "./crd-fields.ts";
export { quoted, scalar, toYaml, toYamlDocuments } from "./yaml.ts";
export type { YamlValue } from "./yaml.ts";
