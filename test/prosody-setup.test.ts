// The Prosody test setup itself: it starts a real server on loopback with the accounts we wrote,
// and stops it by PID.
import { test } from "node:test";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { startProsody, storageName } from "./support/prosody.ts";

const FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

/** Opens an RFC 7395 stream and tries SASL PLAIN; resolves with the server's answer element name. */
function tryPlain(wsUrl: string, domain: string, user: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, "xmpp");
    const timer = setTimeout(() => (ws.terminate(), reject(new Error("no SASL answer within 5 s"))), 5000);
    ws.on("open", () => ws.send(`<open xmlns="${FRAMING}" to="${domain}" version="1.0"/>`));
    ws.on("message", (data) => {
      const text = data.toString();
      if (text.includes("<mechanisms")) {
        const token = Buffer.from(`\0${user}\0${password}`).toString("base64");
        ws.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${token}</auth>`);
      } else if (/^<(success|failure)/.test(text)) {
        clearTimeout(timer);
        ws.close();
        resolve(text.startsWith("<success") ? "success" : "failure");
      }
    });
    ws.on("error", (e) => (clearTimeout(timer), reject(e)));
  });
}

test("Prosody's storage folder names escape every byte outside [A-Za-z0-9_]", () => {
  assert.equal(storageName("xmpp.test"), "xmpp%2etest");
  assert.equal(storageName("agent_1"), "agent_1");
});

test("a loopback Prosody accepts the accounts written for it and stops by PID", async () => {
  const prosody = await startProsody({ users: [{ name: "agent1", password: "pw-1" }, { name: "agent2", password: "pw-2" }] });
  try {
    assert.match(prosody.wsUrl, /^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    assert.equal(await tryPlain(prosody.wsUrl, prosody.domain, "agent2", "pw-2"), "success");
    assert.equal(await tryPlain(prosody.wsUrl, prosody.domain, "agent1", "wrong"), "failure");
  } finally {
    await prosody.stop();
  }
  assert.throws(() => process.kill(prosody.pid, 0), /ESRCH/);
});
