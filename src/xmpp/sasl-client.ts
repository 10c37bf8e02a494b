// The client side of a SASL exchange over XMPP (RFC 6120 §6.4): choosing a mechanism from an ordered
// preference, then <auth>, any <challenge>/<response> rounds, and checking <success>'s additional data.
// PLAIN is built in; SCRAM (sasl-scram.ts) is passed in by the host so bundles without it stay small.
import type { Element } from "../xml/index.ts";
import { ProtocolError, SaslError } from "./errors.ts";
import type { Base64 } from "./ports.ts";
import { plainAuth } from "./sasl.ts";

export type SaslMechanism = "PLAIN" | "SCRAM-SHA-1" | "SCRAM-SHA-256";

/** The mechanisms this client implements. */
export const SASL_MECHANISMS: readonly SaslMechanism[] = ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"];

/** The first of `allowed` (in order) that the server offers; undefined when none is. */
export function chooseMechanism<M extends string>(allowed: readonly M[], offered: readonly string[]): M | undefined {
  return allowed.find((m) => offered.includes(m));
}

export interface SaslClientCredentials {
  username: string;
  password: string;
  /** PLAIN authzid; SCRAM sends none. */
  authzid?: string | undefined;
}

export interface SaslClientDeps {
  base64: Base64;
  /** Random numbers, e.g. for the SCRAM client nonce. */
  random: () => number;
}

/** One exchange: `auth()` first, then `challenge()` per `<challenge>`, then `success()` on `<success>`. */
export interface SaslExchange {
  readonly mechanism: SaslMechanism;
  auth(): Element;
  /** The `<response>` to a `<challenge>` with this text content. */
  challenge(payload: string): Element;
  /** Checks the additional data of `<success>` (RFC 6120 §6.3.10); throws `SaslError` when it is wrong. */
  success(payload: string): void;
}

/** An implementation of one mechanism. */
export interface SaslClientMechanism {
  readonly name: SaslMechanism;
  start(credentials: SaslClientCredentials, deps: SaslClientDeps): SaslExchange;
}

export const PLAIN_MECHANISM: SaslClientMechanism = {
  name: "PLAIN",
  start: (c, deps) => ({
    mechanism: "PLAIN",
    auth: () => plainAuth({ authzid: c.authzid, authcid: c.username, password: c.password }, deps.base64),
    challenge: () => {
      throw new ProtocolError("unexpected-frame", "SASL <challenge> during PLAIN, which has a single message (RFC 4616 §2)");
    },
    // PLAIN has no additional data with success; whatever a server sends is ignored.
    success: () => undefined,
  }),
};

/** Text of a base64 challenge or success payload; "" and "=" are empty (RFC 6120 §6.4.2). */
export function decodeSaslPayload(payload: string, base64: Base64, what: string, condition: string): string {
  const text = payload.trim();
  if (text === "" || text === "=") return "";
  try {
    return base64.decode(text);
  } catch (e) {
    throw new SaslError(condition, `${what} is not base64 (${e instanceof Error ? e.message : String(e)})`);
  }
}
