// SCRAM client (RFC 5802 §5, §7) for SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 7677), without channel
// binding (gs2 flag "n"). Messages are strings; the XMPP layer base64-encodes them (RFC 6120 §6.4).
import { base64ToBytes, bytesEqual, bytesToBase64, utf8, xor } from "./bytes.ts";
import { SaslError } from "./errors.ts";
import { HmacKey, pbkdf2 } from "./hmac.ts";
import { hash, SHA1, SHA256, type HashFunction } from "./sha.ts";

export type ScramMechanism = "SCRAM-SHA-1" | "SCRAM-SHA-256";

/** Conditions of the `SaslError`s this client raises on what the server sent. */
export type ScramCondition =
  | "scram-bad-message" | "scram-bad-nonce" | "scram-bad-iterations" | "scram-bad-signature" | "scram-server-error";

/** Iteration counts above this are refused: each login would cost seconds of CPU per virtual user. */
export const MAX_SCRAM_ITERATIONS = 100_000;

type Step = "first" | "final" | "verify";

const hashes = (): Record<ScramMechanism, HashFunction> => ({ "SCRAM-SHA-1": SHA1, "SCRAM-SHA-256": SHA256 });

export interface ScramCredentials {
  username: string;
  password: string;
  /** Authorization identity (gs2 `a=`); none by default. */
  authzid?: string | undefined;
}

export interface ScramOptions {
  /** Client nonce: printable ASCII without ','. */
  nonce: string;
  /** Largest iteration count accepted; default MAX_SCRAM_ITERATIONS. */
  maxIterations?: number;
}

/** saslname (RFC 5802 §5.1): '=' as "=3D" and ',' as "=2C". Names are used as given (no SASLprep). */
export function saslname(name: string): string {
  return name.replace(/=/g, "=3D").replace(/,/g, "=2C");
}

// printable = %x21-2B / %x2D-7E (RFC 5802 §7).
const PRINTABLE = /^[\x21-\x2b\x2d-\x7e]+$/;

function fail(condition: ScramCondition, text: string): SaslError {
  return new SaslError(condition, text);
}

/** Splits `a=v,b=w,…` into [letter, value] pairs; throws naming `what` when an attribute is malformed. */
function attributes(message: string, what: string): [string, string][] {
  return message.split(",").map((part) => {
    if (!/^[A-Za-z]=/.test(part)) throw fail("scram-bad-message", `${what} has a malformed attribute ${JSON.stringify(part)} in ${JSON.stringify(message)}`);
    return [part[0]!, part.slice(2)];
  });
}

/** The server's `e=` value as an error (RFC 5802 §7 server-error). */
function serverError(value: string, what: string): SaslError {
  return fail("scram-server-error", `server refused in ${what}: e=${value}`);
}

/**
 * One SCRAM exchange: `first()` → client-first-message; `final(serverFirst)` → client-final-message;
 * `verify(serverFinal)` checks the server signature. Errors are `SaslError`s with a `ScramCondition`.
 */
export class ScramClient {
  readonly mechanism: ScramMechanism;
  readonly #fn: HashFunction;
  readonly #password: string;
  readonly #nonce: string;
  readonly #maxIterations: number;
  readonly #gs2Header: string;
  readonly #firstBare: string;
  #serverSignature: Uint8Array | undefined;
  #step: Step | "done" = "first";

  constructor(mechanism: ScramMechanism, credentials: ScramCredentials, options: ScramOptions) {
    const fn = hashes()[mechanism];
    if (!fn) throw new RangeError(`unknown SCRAM mechanism ${JSON.stringify(mechanism)}`);
    if (!PRINTABLE.test(options.nonce)) throw new RangeError(`SCRAM nonce must be printable ASCII without ',', got ${JSON.stringify(options.nonce)}`);
    this.mechanism = mechanism;
    this.#fn = fn;
    this.#password = credentials.password;
    this.#nonce = options.nonce;
    this.#maxIterations = options.maxIterations ?? MAX_SCRAM_ITERATIONS;
    this.#gs2Header = `n,${credentials.authzid ? `a=${saslname(credentials.authzid)}` : ""},`;
    this.#firstBare = `n=${saslname(credentials.username)},r=${options.nonce}`;
  }

  /** True once the server's signature has been verified. */
  get verified(): boolean {
    return this.#step === "done";
  }

  /** client-first-message (RFC 5802 §5.1). */
  first(): string {
    this.#expect("first");
    this.#step = "final";
    return this.#gs2Header + this.#firstBare;
  }

  /** client-final-message for a server-first-message (RFC 5802 §5.1, §3). */
  final(serverFirst: string): string {
    this.#expect("final");
    const attrs = attributes(serverFirst, "server-first-message");
    if (attrs[0]?.[0] === "e") throw serverError(attrs[0][1], "server-first-message");
    if (attrs[0]?.[0] === "m") throw fail("scram-bad-message", `server-first-message requires an unsupported extension (${JSON.stringify(serverFirst)})`);
    const [r, s, i] = attrs;
    if (r?.[0] !== "r" || s?.[0] !== "s" || i?.[0] !== "i") {
      throw fail("scram-bad-message", `server-first-message must start with r=, s=, i= (RFC 5802 §7), got ${JSON.stringify(serverFirst)}`);
    }
    const nonce = r[1];
    if (!nonce.startsWith(this.#nonce) || nonce.length === this.#nonce.length || !PRINTABLE.test(nonce)) {
      throw fail("scram-bad-nonce", `server nonce ${JSON.stringify(nonce)} does not extend the client nonce ${JSON.stringify(this.#nonce)}`);
    }
    const salt = base64ToBytes(s[1]);
    if (!salt || salt.length === 0) throw fail("scram-bad-message", `salt ${JSON.stringify(s[1])} is not non-empty base64`);
    if (!/^[1-9][0-9]{0,9}$/.test(i[1])) throw fail("scram-bad-iterations", `iteration count ${JSON.stringify(i[1])} is not a positive integer`);
    const iterations = Number(i[1]);
    if (iterations > this.#maxIterations) {
      throw fail("scram-bad-iterations", `iteration count ${iterations} is above the limit of ${this.#maxIterations}`);
    }

    const fn = this.#fn;
    const withoutProof = `c=${bytesToBase64(utf8(this.#gs2Header))},r=${nonce}`;
    const authMessage = utf8(`${this.#firstBare},${serverFirst},${withoutProof}`);
    const salted = new HmacKey(fn, pbkdf2(fn, utf8(this.#password), salt, iterations));
    const clientKey = salted.sign(utf8("Client Key"));
    const clientSignature = new HmacKey(fn, hash(fn, clientKey)).sign(authMessage);
    this.#serverSignature = new HmacKey(fn, salted.sign(utf8("Server Key"))).sign(authMessage);
    this.#step = "verify";
    return `${withoutProof},p=${bytesToBase64(xor(clientKey, clientSignature))}`;
  }

  /** Checks a server-final-message (RFC 5802 §5.1 `v=`); throws on `e=` or a wrong signature. */
  verify(serverFinal: string): void {
    this.#expect("verify");
    const [first] = attributes(serverFinal, "server-final-message");
    if (first?.[0] === "e") throw serverError(first[1], "server-final-message");
    if (first?.[0] !== "v") throw fail("scram-bad-message", `server-final-message must start with v= or e=, got ${JSON.stringify(serverFinal)}`);
    const signature = base64ToBytes(first[1]);
    if (!signature || !bytesEqual(signature, this.#serverSignature!)) {
      throw fail("scram-bad-signature", `server signature ${JSON.stringify(first[1])} is wrong: the server does not know the password`);
    }
    this.#step = "done";
  }

  #expect(step: Step): void {
    if (this.#step !== step) throw fail("scram-bad-message", `SCRAM ${step} step called while expecting ${this.#step}`);
  }
}
