// Error texts for the `error` event, in the shape k6 reports them (its Go WebSocket library's
// CloseError: "websocket: close <code> (<description>): <reason>").
const DESCRIPTIONS: Record<number, string> = {
  1000: "normal",
  1001: "going away",
  1002: "protocol error",
  1003: "unsupported data",
  1005: "no status",
  1006: "abnormal closure",
  1007: "invalid payload data",
  1008: "policy violation",
  1009: "message too big",
  1010: "mandatory extension missing",
  1011: "internal server error",
  1012: "service restart",
  1013: "try again later",
  1015: "TLS handshake error",
};

export function closeErrorText(code: number, reason: string): string {
  const desc = DESCRIPTIONS[code];
  let text = `websocket: close ${code}`;
  if (desc !== undefined) text += ` (${desc})`;
  if (code === 1006 && reason === "") return `${text}: unexpected EOF`;
  return reason === "" ? text : `${text}: ${reason}`;
}

/** k6 treats only 1000 and 1001 as expected closes; any other code fires `error` before `close`. */
export function isCleanClose(code: number): boolean {
  return code === 1000 || code === 1001;
}

/** Dial/handshake error text in Go's shape, from a Node error. */
export function dialErrorText(err: Error & { code?: string }, host: string, port: number): string {
  const addr = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  switch (err.code) {
    case "ECONNREFUSED":
      return `dial tcp ${addr}: connect: connection refused`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `dial tcp: lookup ${host}: no such host`;
    case "ECONNRESET":
      return `read tcp ${addr}: read: connection reset by peer`;
    case "ETIMEDOUT":
      return `dial tcp ${addr}: i/o timeout`;
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
      return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `tls: failed to verify certificate: x509: certificate is not valid for ${host}`;
    default:
      break;
  }
  if (/^Unexpected server response: \d+/.test(err.message)) return "websocket: bad handshake";
  if (/Opening handshake has timed out/.test(err.message)) return `dial tcp ${addr}: i/o timeout`;
  return err.message;
}
