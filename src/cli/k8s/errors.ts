// What can be wrong with a k8s manifest request; `kind` names the input at fault.
export type K8sErrorKind = "name" | "namespace" | "quantity" | "parallelism" | "env" | "too-large" | "image" | "url";

export class K8sManifestError extends Error {
  override name = "K8sManifestError";
  readonly kind: K8sErrorKind;
  constructor(kind: K8sErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
