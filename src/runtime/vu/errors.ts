// Errors raised while loading a k6 script into a VU (k6 docs, using-k6/modules: k6 resolves
// `k6`, `k6/*`, relative/absolute file paths and URLs; no Node resolution).

export type ScriptLoadErrorKind =
  | "bare-specifier"
  | "node-builtin"
  | "remote-module"
  | "unsupported-scheme"
  | "unknown-k6-module"
  | "unimplemented-k6-module"
  | "dynamic-import"
  | "file-not-found"
  | "syntax"
  | "init"
  | "vm-modules-disabled";

export class ScriptLoadError extends Error {
  override readonly name = "ScriptLoadError";
  readonly kind: ScriptLoadErrorKind;
  /** the file that failed to load or holds the offending import */
  readonly file: string;
  readonly specifier: string | undefined;

  constructor(kind: ScriptLoadErrorKind, file: string, message: string, specifier?: string) {
    super(message);
    this.kind = kind;
    this.file = file;
    this.specifier = specifier;
  }
}

/** A lifecycle function (setup, teardown, handleSummary) threw or the VU was misused. */
export class VuCallError extends Error {
  override readonly name = "VuCallError";
  readonly kind: "exception" | "interrupted" | "missing-function" | "closed";

  constructor(kind: VuCallError["kind"], message: string) {
    super(message);
    this.kind = kind;
  }
}
