// SCRAM-SHA-1 and SCRAM-SHA-256 as SASL client mechanisms over XMPP (RFC 6120 §6.4, RFC 5802 §5,
// RFC 7677). Hosts pass SCRAM_MECHANISMS in `SessionDeps.saslMechanisms` to make them available.
import { xml } from "../xml/index.ts";
import { SaslError } from "./errors.ts";
import { randomToken } from "./ids.ts";
import { NS_SASL } from "./ns.ts";
import type { Base64 } from "./ports.ts";
import { decodeSaslPayload, type SaslClientMechanism, type SaslExchange } from "./sasl-client.ts";
import { ScramClient, type ScramMechanism } from "./scram.ts";

/** Length of the client nonce: 24 characters of [A-Za-z0-9], about 143 bits. */
export const SCRAM_NONCE_LENGTH = 24;

function scramMechanism(name: ScramMechanism): SaslClientMechanism {
  return {
    name,
    start: (c, deps) => scramExchange(new ScramClient(name, { username: c.username, password: c.password }, { nonce: randomToken(SCRAM_NONCE_LENGTH, deps.random) }), deps.base64),
  };
}

export const SCRAM_SHA_1: SaslClientMechanism = /* @__PURE__ */ scramMechanism("SCRAM-SHA-1");
export const SCRAM_SHA_256: SaslClientMechanism = /* @__PURE__ */ scramMechanism("SCRAM-SHA-256");
/** Both SCRAM mechanisms, for `SessionDeps.saslMechanisms`. */
export const SCRAM_MECHANISMS: readonly SaslClientMechanism[] = [SCRAM_SHA_256, SCRAM_SHA_1];

/** One exchange over XMPP around a `ScramClient`. The PLAIN authzid is not sent (no gs2 `a=`). */
export function scramExchange(scram: ScramClient, base64: Base64): SaslExchange {
  let challenges = 0;
  const decode = (payload: string, what: string): string => decodeSaslPayload(payload, base64, what, "scram-bad-message");
  return {
    mechanism: scram.mechanism,
    auth: () => xml("auth", { xmlns: NS_SASL, mechanism: scram.mechanism }, base64.encode(scram.first())),
    challenge(payload) {
      const message = decode(payload, "SCRAM challenge");
      challenges++;
      if (challenges === 1) return xml("response", { xmlns: NS_SASL }, base64.encode(scram.final(message)));
      // The server-final-message may come as a challenge, answered with an empty response (RFC 6120 §6.3.10).
      if (challenges === 2) {
        scram.verify(message);
        return xml("response", { xmlns: NS_SASL });
      }
      throw new SaslError("scram-bad-message", `unexpected SCRAM challenge #${challenges} ${JSON.stringify(message)}`);
    },
    success(payload) {
      const message = decode(payload, "SCRAM success data");
      if (scram.verified) {
        if (message !== "") throw new SaslError("scram-bad-message", `<success> carries data after the exchange completed: ${JSON.stringify(message)}`);
        return;
      }
      if (challenges === 0) throw new SaslError("scram-bad-message", "<success> before the SCRAM exchange began");
      if (message === "") throw new SaslError("scram-bad-signature", "<success> without the server signature (v=): the server did not prove it knows the password");
      scram.verify(message);
    },
  };
}
