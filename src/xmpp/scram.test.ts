import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, pbkdf2Sync } from "node:crypto";
import { SaslError } from "./errors.ts";
import { MAX_SCRAM_ITERATIONS, saslname, ScramClient, type ScramCondition } from "./scram.ts";

// RFC 5802 §5 and RFC 7677 §3: user "user", password "pencil", fixed client nonces.
const SHA1_EXAMPLE = {
  nonce: "fyko+d2lbbFgONRv9qkxdawL",
  serverFirst: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
  clientFinal: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
  serverFinal: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
};
const SHA256_EXAMPLE = {
  nonce: "rOprNGfwEbeRWgbNEkqO",
  serverFirst: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
  clientFinal: "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
  serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
};

function sha1Client(nonce = SHA1_EXAMPLE.nonce, maxIterations?: number): ScramClient {
  return new ScramClient("SCRAM-SHA-1", { username: "user", password: "pencil" }, { nonce, maxIterations });
}

function isScram(condition: ScramCondition, text: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof SaslError && e.condition === condition && text.test(e.message);
}

test("SCRAM-SHA-1: the RFC 5802 §5 example exchange, message for message", () => {
  const c = sha1Client();
  assert.equal(c.first(), "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
  assert.equal(c.final(SHA1_EXAMPLE.serverFirst), SHA1_EXAMPLE.clientFinal);
  assert.equal(c.verified, false);
  c.verify(SHA1_EXAMPLE.serverFinal);
  assert.equal(c.verified, true);
});

test("SCRAM-SHA-256: the RFC 7677 §3 example exchange, message for message", () => {
  const c = new ScramClient("SCRAM-SHA-256", { username: "user", password: "pencil" }, { nonce: SHA256_EXAMPLE.nonce });
  assert.equal(c.first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  assert.equal(c.final(SHA256_EXAMPLE.serverFirst), SHA256_EXAMPLE.clientFinal);
  c.verify(SHA256_EXAMPLE.serverFinal);
  assert.equal(c.verified, true);
});

test("saslname escapes '=' and ','; an authzid goes into the gs2 header and the channel-binding attribute", () => {
  assert.equal(saslname("a=b,c"), "a=3Db=2Cc");
  const c = new ScramClient("SCRAM-SHA-1", { username: "u,1=", password: "p", authzid: "admin=x" }, { nonce: "abc" });
  assert.equal(c.first(), "n,a=admin=3Dx,n=u=2C1=3D,r=abc");
  // c= is base64("n,a=admin=3Dx,").
  assert.match(c.final("r=abcdef,s=QSXCR+Q6sek8bf92,i=1"), /^c=bixhPWFkbWluPTNEeCw=,r=abcdef,p=[A-Za-z0-9+/]{27}=$/);
});

/** The client-final-message and server signature computed with node:crypto (RFC 5802 §3). */
function reference(alg: "sha1" | "sha256", password: string, firstBare: string, serverFirst: string, withoutProof: string): { proof: string; serverSignature: string } {
  const attrs = Object.fromEntries(serverFirst.split(",").map((a) => [a[0], a.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(attrs.s!, "base64"), Number(attrs.i), alg === "sha1" ? 20 : 32, alg);
  const authMessage = `${firstBare},${serverFirst},${withoutProof}`;
  const clientKey = createHmac(alg, salted).update("Client Key").digest();
  const clientSignature = createHmac(alg, createHash(alg).update(clientKey).digest()).update(authMessage).digest();
  const serverKey = createHmac(alg, salted).update("Server Key").digest();
  return {
    proof: Buffer.from(clientKey.map((b, i) => b ^ clientSignature[i]!)).toString("base64"),
    serverSignature: createHmac(alg, serverKey).update(authMessage).digest("base64"),
  };
}

test("proofs and signatures equal a node:crypto computation, for UTF-8 names and server extensions", () => {
  for (const [mechanism, alg] of [["SCRAM-SHA-1", "sha1"], ["SCRAM-SHA-256", "sha256"]] as const) {
    const c = new ScramClient(mechanism, { username: "agënt,1", password: "pässwörd✓" }, { nonce: "Nonce123" });
    assert.equal(c.first(), "n,,n=agënt=2C1,r=Nonce123");
    const serverFirst = "r=Nonce123srv~!,s=c2FsdHNhbHQ=,i=17,x=future-extension";
    const final = c.final(serverFirst);
    const ref = reference(alg, "pässwörd✓", "n=agënt=2C1,r=Nonce123", serverFirst, "c=biws,r=Nonce123srv~!");
    assert.equal(final, `c=biws,r=Nonce123srv~!,p=${ref.proof}`);
    c.verify(`v=${ref.serverSignature},x=ignored`);
    assert.equal(c.verified, true);
  }
});

function atFinal(serverFirst: string, maxIterations?: number): () => string {
  const c = sha1Client(SHA1_EXAMPLE.nonce, maxIterations);
  c.first();
  return () => c.final(serverFirst);
}

test("hostile server-first-messages are refused with a condition naming the problem", () => {
  const n = SHA1_EXAMPLE.nonce;
  const cases: [string, ScramCondition, RegExp][] = [
    [`r=someoneelse${n},s=QSXCR+Q6sek8bf92,i=4096`, "scram-bad-nonce", /does not extend the client nonce/],
    [`r=${n},s=QSXCR+Q6sek8bf92,i=4096`, "scram-bad-nonce", /does not extend/],
    [`r=${n.slice(0, 10)},s=QSXCR+Q6sek8bf92,i=4096`, "scram-bad-nonce", /does not extend/],
    [`r=${n}xyz,i=4096`, "scram-bad-message", /must start with r=, s=, i=/],
    [`r=${n}xyz,s=,i=4096`, "scram-bad-message", /salt "" is not non-empty base64/],
    [`r=${n}xyz,s=not base64!,i=4096`, "scram-bad-message", /salt "not base64!"/],
    [`r=${n}xyz,s=QSXCR+Q6sek8bf92`, "scram-bad-message", /must start with r=, s=, i=/],
    [`r=${n}xyz,s=QSXCR+Q6sek8bf92,i=0`, "scram-bad-iterations", /"0" is not a positive integer/],
    [`r=${n}xyz,s=QSXCR+Q6sek8bf92,i=-5`, "scram-bad-iterations", /not a positive integer/],
    [`r=${n}xyz,s=QSXCR+Q6sek8bf92,i=4096.5`, "scram-bad-iterations", /not a positive integer/],
    [`r=${n}xyz,s=QSXCR+Q6sek8bf92,i=99999999999`, "scram-bad-iterations", /not a positive integer/],
    [`r=${n}xyz,s=QSXCR+Q6sek8bf92,i=${MAX_SCRAM_ITERATIONS + 1}`, "scram-bad-iterations", /above the limit of 100000/],
    [`m=required,r=${n}xyz,s=QSXCR+Q6sek8bf92,i=4096`, "scram-bad-message", /unsupported extension/],
    [`e=other-error`, "scram-server-error", /server refused in server-first-message: e=other-error/],
    [``, "scram-bad-message", /malformed attribute ""/],
    [`garbage`, "scram-bad-message", /malformed attribute "garbage"/],
  ];
  for (const [serverFirst, condition, text] of cases) assert.throws(atFinal(serverFirst), isScram(condition, text), serverFirst);
  assert.throws(atFinal(`r=${n}xyz,s=QSXCR+Q6sek8bf92,i=11`, 10), isScram("scram-bad-iterations", /11 is above the limit of 10/));
});

test("hostile server-final-messages: a wrong signature, an e= error, garbage", () => {
  const cases: [string, ScramCondition, RegExp][] = [
    ["v=rmF9pqV8S7suAoZWja4dJRkFsKQ=".replace("rmF9", "AAAA"), "scram-bad-signature", /server signature "AAAA.*" is wrong/],
    ["v=dHpbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "scram-bad-signature", /is wrong/],
    ["v=", "scram-bad-signature", /is wrong/],
    ["v=%%%", "scram-bad-signature", /is wrong/],
    ["e=invalid-proof", "scram-server-error", /server refused in server-final-message: e=invalid-proof/],
    ["r=abc", "scram-bad-message", /must start with v= or e=/],
    ["nonsense", "scram-bad-message", /malformed attribute/],
  ];
  for (const [serverFinal, condition, text] of cases) {
    const c = sha1Client();
    c.first();
    c.final(SHA1_EXAMPLE.serverFirst);
    assert.throws(() => c.verify(serverFinal), isScram(condition, text), serverFinal);
    assert.equal(c.verified, false);
  }
});

test("steps run once and in order; bad mechanisms and nonces are refused", () => {
  const c = sha1Client();
  assert.throws(() => c.final(SHA1_EXAMPLE.serverFirst), /final step called while expecting first/);
  c.first();
  assert.throws(() => c.first(), /first step called while expecting final/);
  assert.throws(() => c.verify(SHA1_EXAMPLE.serverFinal), /verify step called while expecting final/);
  c.final(SHA1_EXAMPLE.serverFirst);
  c.verify(SHA1_EXAMPLE.serverFinal);
  assert.throws(() => c.verify(SHA1_EXAMPLE.serverFinal), /verify step called while expecting done/);
  assert.throws(() => sha1Client("has,comma"), /nonce must be printable ASCII without ','/);
  assert.throws(() => sha1Client(""), /nonce must be printable/);
  assert.throws(() => new ScramClient("SCRAM-MD5" as "SCRAM-SHA-1", { username: "u", password: "p" }, { nonce: "n" }), /unknown SCRAM mechanism "SCRAM-MD5"/);
});
