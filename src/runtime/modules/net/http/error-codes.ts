// k6 error codes and Go-shaped messages for failed requests (k6 docs, javascript-api/error-codes).
export const ERR_GENERIC = 1000;
export const ERR_INVALID_URL = 1020;
export const ERR_TIMEOUT = 1050;
export const ERR_DNS = 1100;
export const ERR_DNS_NO_IP = 1101;
export const ERR_TCP_BROKEN_PIPE = 1201;
export const ERR_TCP_DIAL_TIMEOUT = 1211;
export const ERR_TCP_REFUSED = 1212;
export const ERR_TCP_RESET = 1220;
export const ERR_TLS_UNKNOWN_AUTHORITY = 1310;
export const ERR_TLS_HOSTNAME = 1311;

const UNKNOWN_AUTHORITY = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_UNTRUSTED",
]);

export interface ClassifiedError {
  error: string;
  errorCode: number;
}

export const ERR_TLS_HEADER = 1301;
export const ERR_DECOMPRESSION = 1701;

/**
 * Maps a Node network error to k6's code and message (k6 lib/netext/httpext/error_codes.go: the
 * message is k6's short text for known errors, the error's own text otherwise).
 */
export function classify(err: Error & { code?: string }, host: string): ClassifiedError {
  const code = err.code ?? "";
  if (code === "ENOTFOUND") return { error: "lookup: no such host", errorCode: ERR_DNS_NO_IP };
  if (code === "EAI_AGAIN") return { error: `lookup ${host}: temporary failure in name resolution`, errorCode: ERR_DNS };
  if (code === "ECONNREFUSED") return { error: "dial: connection refused", errorCode: ERR_TCP_REFUSED };
  if (code === "ECONNRESET") return { error: "read: connection reset by peer", errorCode: ERR_TCP_RESET };
  if (code === "EPIPE") return { error: "write: broken pipe", errorCode: ERR_TCP_BROKEN_PIPE };
  if (code === "ETIMEDOUT" || code === "ECONNABORTED") return { error: "dial: i/o timeout", errorCode: ERR_TCP_DIAL_TIMEOUT };
  if (UNKNOWN_AUTHORITY.has(code)) return { error: "x509: unknown authority", errorCode: ERR_TLS_UNKNOWN_AUTHORITY };
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return { error: "x509: certificate doesn't match hostname", errorCode: ERR_TLS_HOSTNAME };
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER") return { error: "tls: first record does not look like a TLS handshake", errorCode: ERR_TLS_HEADER };
  if (code === "ERR_INVALID_URL") return { error: "invalid URL", errorCode: ERR_INVALID_URL };
  return { error: err.message, errorCode: ERR_GENERIC };
}

/** k6: a response with a 4xx/5xx status carries error_code 1000 + status. */
export function statusErrorCode(status: number): number {
  return status >= 400 && status < 600 ? 1000 + status : 0;
}
