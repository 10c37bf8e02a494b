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
export const ERR_TLS = 1300;
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

/** Maps a Node network error to k6's code and message for `method url` to `host:port`. */
export function classify(err: Error & { code?: string }, method: string, url: string, host: string, port: number): ClassifiedError {
  const addr = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const verb = method.charAt(0) + method.slice(1).toLowerCase();
  const wrap = (msg: string): string => `${verb} "${url}": ${msg}`;
  const code = err.code ?? "";
  if (code === "ENOTFOUND") return { error: wrap(`dial tcp: lookup ${host}: no such host`), errorCode: ERR_DNS_NO_IP };
  if (code === "EAI_AGAIN") return { error: wrap(`dial tcp: lookup ${host}: temporary failure in name resolution`), errorCode: ERR_DNS };
  if (code === "ECONNREFUSED") return { error: wrap(`dial tcp ${addr}: connect: connection refused`), errorCode: ERR_TCP_REFUSED };
  if (code === "ECONNRESET") return { error: wrap(`read tcp ${addr}: read: connection reset by peer`), errorCode: ERR_TCP_RESET };
  if (code === "EPIPE") return { error: wrap(`write tcp ${addr}: write: broken pipe`), errorCode: ERR_TCP_BROKEN_PIPE };
  if (code === "ETIMEDOUT" || code === "ECONNABORTED") return { error: wrap(`dial tcp ${addr}: i/o timeout`), errorCode: ERR_TCP_DIAL_TIMEOUT };
  if (UNKNOWN_AUTHORITY.has(code)) {
    return { error: wrap("tls: failed to verify certificate: x509: certificate signed by unknown authority"), errorCode: ERR_TLS_UNKNOWN_AUTHORITY };
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return { error: wrap(`tls: failed to verify certificate: x509: certificate is not valid for ${host}`), errorCode: ERR_TLS_HOSTNAME };
  }
  if (code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || code.startsWith("CERT_")) return { error: wrap(`tls: ${err.message}`), errorCode: ERR_TLS };
  if (code === "ERR_INVALID_URL") return { error: wrap(err.message), errorCode: ERR_INVALID_URL };
  return { error: wrap(err.message), errorCode: ERR_GENERIC };
}

/** k6: a response with a 4xx/5xx status carries error_code 1000 + status. */
export function statusErrorCode(status: number): number {
  return status >= 400 && status < 600 ? 1000 + status : 0;
}
