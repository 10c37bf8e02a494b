// The session's SASL mechanism choice and SCRAM exchange, against a scripted server whose SCRAM side
// is computed independently with node:crypto (RFC 5802 §3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from "node:crypto";
import { bindResult, bindFeature } from "./bind.ts";
import { OptionError, ProtocolError, SaslError, TimeoutError, XmppError } from "./errors.ts";
import { base64, FakeClock, fakeConnect } from "./fakes.ts";
import { serverOpen, unframe } from "./framing.ts";
import { sequentialIds } from "./ids.ts";
import { mechanismsFeature, saslSuccess } from "./sasl.ts";
import { XmppSession } from "./session.ts";
import { DOMAIN, FULL_JID, features, PLAIN_FEATURES, type Harness } from "./session-harness.ts";
import type { SessionOptions } from "./session-options.ts";
import { SCRAM_MECHANISMS } from "./sasl-scram.ts";
import type { SessionEnd, SessionEvent } from "./session-types.ts";

/** As session-harness.ts's harness, with SCRAM available (SessionDeps.saslMechanisms). */
function harness(options: Partial<SessionOptions> = {}, saslMechanisms = SCRAM_MECHANISMS): Harness {
  const clock = new FakeClock();
  const { connect, transports } = fakeConnect();
  const session = new XmppSession(
    { connect, clock, ids: sequentialIds("c"), base64, saslMechanisms },
    { url: `wss://${DOMAIN}:8445/ws/`, domain: DOMAIN, username: "1001001", password: "secret", resource: "vagent-test", ...options },
  );
  const events: SessionEvent[] = [];
  const ends: SessionEnd[] = [];
  session.on("event", (e) => events.push(e));
  session.on("end", (e) => ends.push(e));
  return {
    clock, session, events, notifications: [], ends, transports,
    get t() {
      return transports[0]!;
    },
  };
}

const SASL = `xmlns="urn:ietf:params:xml:ns:xmpp-sasl"`;
const ALL = features(mechanismsFeature(["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"]));
const PREFER_SCRAM: SessionOptions["mechanisms"] = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"];

/** The server's half of SCRAM for password "secret" (the harness's), with node:crypto. */
class ScramServer {
  readonly alg: "sha1" | "sha256";
  readonly salt = Buffer.from("server-salt-0123");
  readonly iterations = 64;
  clientFirstBare = "";
  serverFirst = "";
  #salted: Buffer;

  constructor(alg: "sha1" | "sha256", password = "secret") {
    this.alg = alg;
    this.#salted = pbkdf2Sync(password, this.salt, this.iterations, alg === "sha1" ? 20 : 32, alg);
  }

  /** Reads `<auth>`'s client-first-message; returns server-first-message. */
  first(clientFirst: string): string {
    assert.match(clientFirst, /^n,,n=1001001,r=[A-Za-z0-9]{24}$/);
    this.clientFirstBare = clientFirst.slice(3);
    const nonce = clientFirst.slice(clientFirst.indexOf(",r=") + 3);
    this.serverFirst = `r=${nonce}S3rv3r,s=${this.salt.toString("base64")},i=${this.iterations}`;
    return this.serverFirst;
  }

  /** Checks the client proof; returns the server signature. */
  final(clientFinal: string): string {
    const withoutProof = clientFinal.slice(0, clientFinal.indexOf(",p="));
    assert.equal(withoutProof, `c=biws,${this.serverFirst.slice(0, this.serverFirst.indexOf(",s="))}`);
    const auth = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientKey = createHmac(this.alg, this.#salted).update("Client Key").digest();
    const signature = createHmac(this.alg, createHash(this.alg).update(clientKey).digest()).update(auth).digest();
    const proof = Buffer.from(clientFinal.slice(clientFinal.indexOf(",p=") + 3), "base64");
    assert.ok(timingSafeEqual(Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)), proof), "client proof verifies");
    return createHmac(this.alg, createHmac(this.alg, this.#salted).update("Server Key").digest()).update(auth).digest("base64");
  }
}

function lastSent(h: Harness): { name: string; mechanism: string | undefined; text: string } {
  const frames = h.t.take();
  const el = unframe(frames[frames.length - 1]!).el;
  return { name: el.name, mechanism: el.attrs.mechanism, text: el.getText() === "" ? "" : base64.decode(el.getText()) };
}

function toFeatures(h: Harness, offered = ALL): void {
  h.t.open();
  h.t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  h.t.receive(offered);
}

function finishLogin(h: Harness): void {
  h.t.receive(serverOpen({ from: DOMAIN, id: "s2" }).toString());
  h.t.receive(features(bindFeature()));
  h.t.receive(bindResult(unframe(h.t.take().pop()!).el, FULL_JID).toString());
  h.t.receive(`<presence xmlns="jabber:client" from="finesse@${DOMAIN}/Finesse" to="${FULL_JID}"/>`);
}

async function endsWith(h: Harness, connect: Promise<unknown>, check: (e: unknown) => boolean): Promise<XmppError> {
  const end = await h.session.ended;
  assert.ok(end.error && check(end.error), `unexpected end: ${end.error?.name}: ${end.error?.message}`);
  await assert.rejects(connect, (e: unknown) => e === end.error);
  assert.equal(h.clock.pending, 0, "no timer left armed");
  assert.equal(h.t.closed?.code, 1000);
  return end.error;
}

/** Runs to the point where the client has sent its client-final-message. */
function toClientFinal(h: Harness, server: ScramServer): void {
  toFeatures(h);
  const auth = lastSent(h);
  h.t.receive(`<challenge ${SASL}>${base64.encode(server.first(auth.text))}</challenge>`);
}

for (const [mechanism, alg] of [["SCRAM-SHA-256", "sha256"], ["SCRAM-SHA-1", "sha1"]] as const) {
  test(`${mechanism} login: auth, challenge, response, success with v=, then bind; sasl timed over the whole exchange`, async () => {
    const h = harness({ mechanisms: mechanism === "SCRAM-SHA-256" ? PREFER_SCRAM : ["SCRAM-SHA-1", "PLAIN"] });
    const server = new ScramServer(alg);
    const ready = h.session.connect();
    toFeatures(h);
    const auth = lastSent(h);
    assert.deepEqual([auth.name, auth.mechanism], ["auth", mechanism]);
    h.clock.advance(5);
    h.t.receive(`<challenge ${SASL}>${base64.encode(server.first(auth.text))}</challenge>`);
    const response = lastSent(h);
    assert.equal(response.name, "response");
    const v = server.final(response.text);
    h.clock.advance(7);
    h.t.receive(`<success ${SASL}>${base64.encode(`v=${v}`)}</success>`);
    assert.deepEqual(h.t.take(), [`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${DOMAIN}" version="1.0"/>`], "stream restart");
    finishLogin(h);
    assert.deepEqual(await ready, { jid: FULL_JID, streamId: "s2" });
    const sasl = h.events.find((e) => e.kind === "phase" && e.phase === "sasl");
    assert.deepEqual(sasl, { kind: "phase", phase: "sasl", ms: 12 });
  });
}

test("the client nonce comes from the session's random source", () => {
  const { connect, transports } = fakeConnect();
  let n = 0;
  const session = new XmppSession(
    { connect, clock: new FakeClock(), ids: sequentialIds("c"), base64, random: () => (n++ % 62) / 62, saslMechanisms: SCRAM_MECHANISMS },
    { url: `wss://${DOMAIN}/ws/`, domain: DOMAIN, username: "user", password: "pencil", resource: "r", mechanisms: ["SCRAM-SHA-1"] },
  );
  void session.connect().catch(() => undefined);
  const t = transports[0]!;
  t.open();
  t.receive(serverOpen({ from: DOMAIN, id: "s1" }).toString());
  t.receive(ALL);
  const auth = unframe(t.take().pop()!).el;
  // resource "r" is given, so the first 24 random numbers all go to the nonce.
  assert.equal(base64.decode(auth.getText()), "n,,n=user,r=abcdefghijklmnopqrstuvwx");
  void session.close();
});

test("the first allowed mechanism the server offers wins; PLAIN stays the default", async () => {
  const scramFirst = harness({ mechanisms: ["SCRAM-SHA-1", "PLAIN"] });
  void scramFirst.session.connect().catch(() => undefined);
  toFeatures(scramFirst, features(mechanismsFeature(["SCRAM-SHA-256", "PLAIN"])));
  assert.equal(lastSent(scramFirst).mechanism, "PLAIN");
  await scramFirst.session.close();

  const byDefault = harness();
  void byDefault.session.connect().catch(() => undefined);
  toFeatures(byDefault);
  const auth = lastSent(byDefault);
  assert.deepEqual([auth.mechanism, auth.text], ["PLAIN", "\u00001001001\u0000secret"]);
  await byDefault.session.close();
});

test("no allowed mechanism offered: invalid-mechanism naming allowed and offered", async () => {
  const h = harness({ mechanisms: ["SCRAM-SHA-256", "SCRAM-SHA-1"] });
  const p = h.session.connect();
  toFeatures(h, PLAIN_FEATURES);
  await endsWith(h, p, (e) => e instanceof SaslError && e.condition === "invalid-mechanism" && /allowed SASL mechanisms SCRAM-SHA-256, SCRAM-SHA-1 \(offered: PLAIN\)/.test(e.message));
});

test("server-final as a second challenge gets an empty response, then success without data", async () => {
  const h = harness({ mechanisms: ["SCRAM-SHA-256"] });
  const server = new ScramServer("sha256");
  const ready = h.session.connect();
  toClientFinal(h, server);
  const v = server.final(lastSent(h).text);
  h.t.receive(`<challenge ${SASL}>${base64.encode(`v=${v}`)}</challenge>`);
  assert.deepEqual(h.t.take(), [`<response ${SASL}/>`]);
  h.t.receive(saslSuccess().toString());
  finishLogin(h);
  assert.equal((await ready).jid, FULL_JID);
});

test("a wrong server signature in <success> ends the login with scram-bad-signature; no restart is sent", async () => {
  const h = harness({ mechanisms: ["SCRAM-SHA-256"] });
  const server = new ScramServer("sha256", "not-the-password");
  const p = h.session.connect();
  toClientFinal(h, server);
  const clientFinal = lastSent(h).text;
  assert.throws(() => server.final(clientFinal), /client proof verifies/, "a server with another password rejects the proof");
  const forged = createHmac("sha256", "guess").update("x").digest("base64");
  h.t.receive(`<success ${SASL}>${base64.encode(`v=${forged}`)}</success>`);
  await endsWith(h, p, (e) => e instanceof SaslError && e.condition === "scram-bad-signature" && e.message.includes(forged));
  assert.deepEqual(h.t.take(), [`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`]);
});

test("<success> without v= is refused: the server never proved it knows the password", async () => {
  const h = harness({ mechanisms: ["SCRAM-SHA-1"] });
  const p = h.session.connect();
  toClientFinal(h, new ScramServer("sha1"));
  h.t.take();
  h.t.receive(saslSuccess().toString());
  await endsWith(h, p, (e) => e instanceof SaslError && e.condition === "scram-bad-signature" && /without the server signature/.test(e.message));
});

test("a server nonce that does not extend ours: the client aborts and closes with scram-bad-nonce", async () => {
  const h = harness({ mechanisms: ["SCRAM-SHA-256"] });
  const p = h.session.connect();
  toFeatures(h);
  h.t.take();
  h.t.receive(`<challenge ${SASL}>${base64.encode("r=attackerNonce,s=c2FsdA==,i=4096")}</challenge>`);
  await endsWith(h, p, (e) => e instanceof SaslError && e.condition === "scram-bad-nonce");
  assert.deepEqual(h.t.take(), [`<abort ${SASL}/>`, `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`]);
});

test("hostile challenges: missing salt, non-base64 text, e= as server-final, a third challenge", async () => {
  const missingSalt = harness({ mechanisms: ["SCRAM-SHA-1"] });
  let p = missingSalt.session.connect();
  toFeatures(missingSalt);
  const nonce = lastSent(missingSalt).text.split("r=")[1]!;
  missingSalt.t.receive(`<challenge ${SASL}>${base64.encode(`r=${nonce}x,i=4096`)}</challenge>`);
  await endsWith(missingSalt, p, (e) => e instanceof SaslError && e.condition === "scram-bad-message" && /r=, s=, i=/.test(e.message));

  const notBase64 = harness({ mechanisms: ["SCRAM-SHA-1"] });
  p = notBase64.session.connect();
  toFeatures(notBase64);
  notBase64.t.receive(`<challenge ${SASL}>!!not base64!!</challenge>`);
  await endsWith(notBase64, p, (e) => e instanceof SaslError && e.condition === "scram-bad-message" && /challenge is not base64/.test(e.message));

  const refused = harness({ mechanisms: ["SCRAM-SHA-1"] });
  p = refused.session.connect();
  toClientFinal(refused, new ScramServer("sha1"));
  refused.t.receive(`<challenge ${SASL}>${base64.encode("e=invalid-proof")}</challenge>`);
  await endsWith(refused, p, (e) => e instanceof SaslError && e.condition === "scram-server-error" && /e=invalid-proof/.test(e.message));

  const third = harness({ mechanisms: ["SCRAM-SHA-256"] });
  const server = new ScramServer("sha256");
  p = third.session.connect();
  toClientFinal(third, server);
  third.t.receive(`<challenge ${SASL}>${base64.encode(`v=${server.final(lastSent(third).text)}`)}</challenge>`);
  third.t.receive(`<challenge ${SASL}>${base64.encode("x=more")}</challenge>`);
  await endsWith(third, p, (e) => e instanceof SaslError && e.condition === "scram-bad-message" && /challenge #3/.test(e.message));
});

test("SCRAM <failure> (wrong password) is not-authorized; a challenge during PLAIN is a protocol error", async () => {
  const h = harness({ mechanisms: ["SCRAM-SHA-256"] });
  let p = h.session.connect();
  toClientFinal(h, new ScramServer("sha256"));
  h.t.receive(`<failure ${SASL}><not-authorized/></failure>`);
  await endsWith(h, p, (e) => e instanceof SaslError && e.condition === "not-authorized");

  const plain = harness();
  p = plain.session.connect();
  toFeatures(plain);
  plain.t.receive(`<challenge ${SASL}>${base64.encode("r=x,s=c2FsdA==,i=1")}</challenge>`);
  await endsWith(plain, p, (e) => e instanceof ProtocolError && e.condition === "unexpected-frame" && /during PLAIN/.test(e.message));
});

test("the sasl timeout covers the whole exchange", async () => {
  const h = harness({ mechanisms: ["SCRAM-SHA-256"], timeouts: { sasl: 300 } });
  const p = h.session.connect();
  toClientFinal(h, new ScramServer("sha256"));
  h.clock.advance(299);
  assert.equal(h.session.state, "authenticating");
  h.clock.advance(1);
  await endsWith(h, p, (e) => e instanceof TimeoutError && e.phase === "sasl" && e.ms === 300);
});

test("mechanisms option: non-empty, known, without repeats", () => {
  const make = (mechanisms: unknown) => () => harness({ mechanisms: mechanisms as SessionOptions["mechanisms"] });
  const shape = (e: unknown) => e instanceof OptionError && e.option === "mechanisms" && /non-empty array of distinct SASL mechanism names/.test(e.message);
  assert.throws(make([]), shape);
  assert.throws(make("PLAIN"), shape);
  assert.throws(make(["PLAIN", 7]), shape);
  assert.throws(make(["PLAIN", "PLAIN"]), (e: unknown) => shape(e) && /\["PLAIN","PLAIN"\]/.test((e as Error).message));
  assert.throws(make(["PLAIN", "DIGEST-MD5"]), (e: unknown) => e instanceof OptionError && e.option === "mechanisms[1]" && /"DIGEST-MD5" has no implementation/.test(e.message));
  assert.doesNotThrow(make(["SCRAM-SHA-1"]));
});

test("SCRAM must be passed in to be allowed; PLAIN is built in", () => {
  const bare = (mechanisms: SessionOptions["mechanisms"]) => () => harness({ mechanisms }, []);
  assert.doesNotThrow(bare(["PLAIN"]));
  assert.throws(bare(["PLAIN", "SCRAM-SHA-256"]), (e: unknown) => e instanceof OptionError && e.option === "mechanisms[1]" && /"SCRAM-SHA-256" has no implementation: PLAIN is built in, SCRAM-SHA-\* come with SessionDeps.saslMechanisms/.test(e.message));
  assert.doesNotThrow(() => harness({ mechanisms: ["SCRAM-SHA-1"] }, [SCRAM_MECHANISMS[1]!]));
  assert.throws(() => harness({ mechanisms: ["SCRAM-SHA-256"] }, [SCRAM_MECHANISMS[1]!]), /"SCRAM-SHA-256" has no implementation/);
});
