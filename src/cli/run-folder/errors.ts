// Problems found before a run starts: each names the flag or file at fault.
export type RunSetupKind = "script" | "scenario" | "config" | "run-dir" | "engine" | "build";

export class RunSetupError extends Error {
  override name = "RunSetupError";
  readonly kind: RunSetupKind;
  constructor(kind: RunSetupKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
