// SCRAM-SHA-256 and SCRAM-SHA-1 (RFC 5802, RFC 7677) against a loopback Prosody, which offers
// SCRAM-SHA-256, PLAIN and SCRAM-SHA-1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeBase64, nodeClock, nodeConnect } from "../../test/support/node-ports.ts";
import { prosodyInstalled, startProsody, type RunningProsody } from "../../test/support/prosody.ts";
import { SaslError } from "./errors.ts";
import { unframe } from "./framing.ts";
import { randomIds } from "./ids.ts";
import type { Connect } from "./ports.ts";
import { SCRAM_MECHANISMS } from "./sasl-scram.ts";
import { XmppSession } from "./session.ts";
import type { SessionOptions } from "./session-options.ts";
import type { SessionEvent } from "./session-types.ts";

const skip = prosodyInstalled() || process.env.CI ? false : "prosody is not installed (apt-get install prosody)";

/** A session whose sent frames are recorded, to see which mechanism went out. */
function session(p: RunningProsody, o: Partial<SessionOptions> & { username: string; password: string }): { s: XmppSession; sent: string[]; events: SessionEvent[] } {
  const sent: string[] = [];
  const connect: Connect = (url, protocols, handlers) => {
    const t = nodeConnect(url, protocols, handlers);
    return {
      get protocol() {
        return t.protocol;
      },
      send: (text) => (sent.push(text), t.send(text)),
      close: (code, reason) => t.close(code, reason),
    };
  };
  const s = new XmppSession(
    { connect, clock: nodeClock, ids: randomIds(), base64: nodeBase64, saslMechanisms: SCRAM_MECHANISMS },
    { url: p.wsUrl, domain: p.domain, readyWhen: "echo", timeouts: { close: 2000 }, ...o },
  );
  const events: SessionEvent[] = [];
  s.on("event", (e) => events.push(e));
  return { s, sent, events };
}

function authMechanism(sent: readonly string[]): string | undefined {
  const auth = sent.find((f) => f.startsWith("<auth"));
  return auth === undefined ? undefined : unframe(auth).el.attrs.mechanism;
}

test("SCRAM-SHA-256 and SCRAM-SHA-1 logins, and a wrong password, against Prosody", { skip, timeout: 30_000 }, async () => {
  const p = await startProsody({ users: [{ name: "agent1", password: "pw-1 ünï" }, { name: "agent2", password: "pw-2" }] });
  const sessions: XmppSession[] = [];
  try {
    const sha256 = session(p, { username: "agent1", password: "pw-1 ünï", mechanisms: ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"], resource: "r256" });
    const sha1 = session(p, { username: "agent2", password: "pw-2", mechanisms: ["SCRAM-SHA-1", "PLAIN"], resource: "r1" });
    sessions.push(sha256.s, sha1.s);

    assert.equal((await sha256.s.connect()).jid, `agent1@${p.domain}/r256`);
    assert.equal(authMechanism(sha256.sent), "SCRAM-SHA-256");
    assert.ok(sha256.sent.some((f) => f.startsWith("<response")), "the client answered the server-first challenge");
    const phases = sha256.events.flatMap((e) => (e.kind === "phase" ? [e.phase] : []));
    assert.deepEqual(phases, ["upgrade", "open_features", "sasl", "restart", "bind", "session", "presence", "ready"]);

    assert.equal((await sha1.s.connect()).jid, `agent2@${p.domain}/r1`);
    assert.equal(authMechanism(sha1.sent), "SCRAM-SHA-1");

    const wrong = session(p, { username: "agent1", password: "pw-1", mechanisms: ["SCRAM-SHA-256"] });
    sessions.push(wrong.s);
    await assert.rejects(wrong.s.connect(), (e: unknown) => e instanceof SaslError && e.condition === "not-authorized");
    assert.equal(authMechanism(wrong.sent), "SCRAM-SHA-256");

    for (const s of [sha256.s, sha1.s]) assert.deepEqual(await s.close(), { clean: true, error: undefined, wasReady: true });
  } finally {
    for (const s of sessions) await s.close();
    await p.stop();
  }
});
