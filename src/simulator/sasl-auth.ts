// SASL PLAIN on the simulator as Finesse's Openfire does it: PLAIN only, Openfire's NUL-token rules,
// authzid must name the authenticating user, shared lockout (RFC 6120 §6, RFC 4616, Openfire 4.x SaslServerPlainImpl).
import type { Element } from "../xml/index.ts";
import { SaslError, authzidUser, decodePlain, readAuth } from "../xmpp/index.ts";
import type { SimUser } from "./population.ts";
import type { XmppEndpoint } from "./xmpp-session.ts";

/** The authenticated user, or the SASL failure to send. */
export function authenticate(el: Element, ep: XmppEndpoint): SimUser | SaslError {
  try {
    const req = readAuth(el);
    if (req.mechanism !== "PLAIN") throw new SaslError("invalid-mechanism", `mechanism ${req.mechanism} is not offered`);
    const id = decodePlain(req.payload, ep.base64);
    if (authzidUser(id.authzid).toLowerCase() !== id.authcid.toLowerCase()) throw new SaslError("invalid-authzid", `${id.authcid} may not act as ${id.authzid}`);
    const user = ep.service.user(id.authcid);
    if (!user) throw new SaslError("not-authorized");
    const result = ep.lockout.check(user, id.password);
    if (result === "locked") throw new SaslError("account-disabled", "too many failed sign-in attempts; try again later");
    if (result !== "ok") throw new SaslError("not-authorized");
    return user;
  } catch (e) {
    if (e instanceof SaslError) return e;
    throw e;
  }
}
