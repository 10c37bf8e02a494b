// Errors of the Finesse domain layer. Each carries a machine-readable discriminant.

/** A Finesse REST error: HTTP status plus the first `<ApiError>` of the body (Finesse REST guide, "Client requests"). */
export class FinesseApiError extends Error {
  override name = "FinesseApiError";
  readonly kind = "api-error";
  readonly status: number;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly errorData: string;
  /** The `requestId` response header, when present. */
  readonly requestId: string | undefined;
  constructor(status: number, errorType: string, errorMessage: string, errorData = "", requestId?: string) {
    super(`HTTP ${status}: ${errorType || "error"}${errorMessage ? ` (${errorMessage})` : ""}${errorData ? ` [${errorData}]` : ""}`);
    this.status = status;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.errorData = errorData;
    this.requestId = requestId;
  }
}

export type FinesseParseKind = "bad-xml" | "bad-root" | "missing-field" | "bad-value" | "not-an-event";

/** A Finesse payload (REST body or notification) that does not have the documented shape. */
export class FinesseParseError extends Error {
  override name = "FinesseParseError";
  readonly kind: FinesseParseKind;
  constructor(kind: FinesseParseKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
