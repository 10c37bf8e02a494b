import assert from "node:assert/strict";
import { test } from "node:test";
import { parseUpdate, readNotification } from "../finesse/index.ts";
import { BLAST_REQUEST_ID_PREFIX, BlastError, blast, type BlastTarget } from "./blast.ts";
import { b64, login } from "./raw-client.test-helper.ts";
import { startSimulator } from "./server.ts";

function target(name: string): BlastTarget & { got: string[]; closed: boolean } {
  const t = {
    got: [] as string[],
    closed: false,
    render: (id: string) => `<message to="${name}"><requestId>${id}</requestId></message>`,
    send(text: string) {
      t.got.push(text);
    },
  };
  return t;
}

test("a burst goes round-robin over the sessions, each event stamped with its send time", async () => {
  const a = target("a");
  const b = target("b");
  let clock = 1_700_000_000_000;
  const r = await blast([a, b], 5, 0, () => clock++);
  assert.equal(r.sent, 5);
  assert.equal(r.sessions, 2);
  assert.equal(a.got.length, 3);
  assert.equal(b.got.length, 2);
  assert.equal(a.got[0], `<message to="a"><requestId>${BLAST_REQUEST_ID_PREFIX}1700000000000</requestId></message>`);
  assert.equal(b.got[0], `<message to="b"><requestId>${BLAST_REQUEST_ID_PREFIX}1700000000001</requestId></message>`);
});

test("a labelled burst carries its label after the stamp; a label outside [A-Za-z0-9_] is refused", async () => {
  const a = target("a");
  await blast([a], 1, 0, () => 5, "load_1");
  assert.equal(a.got[0], `<message to="a"><requestId>${BLAST_REQUEST_ID_PREFIX}5-load_1</requestId></message>`);
  await assert.rejects(blast([a], 1, 0, Date.now, "a-b"), /burst label "a-b"/);
});

test("closed sessions are skipped; the burst ends when every session is closed", async () => {
  const a = target("a");
  const b = target("b");
  b.closed = true;
  const r = await blast([a, b], 4, 0);
  assert.equal(r.sent, 4);
  assert.equal(a.got.length, 4);
  assert.equal(b.got.length, 0);
  a.closed = true;
  assert.equal((await blast([a, b], 4, 0)).sent, 0);
});

test("a paced burst sends no faster than its rate", async () => {
  const a = target("a");
  const r = await blast([a], 20, 100);
  assert.equal(r.sent, 20);
  // 20 events at 100/s take at least ~0.2 s (paced by elapsed time, never ahead of it)
  assert.ok(r.seconds >= 0.18, `took ${r.seconds} s`);
});

test("a burst without sessions is an error naming the cause", async () => {
  await assert.rejects(blast([], 1, 0), (e: unknown) => e instanceof BlastError && e.kind === "no-sessions" && /no available session/.test(e.message));
});

test("a payload that does not carry its requestId is refused", async () => {
  const bad: BlastTarget = { render: () => "<message/>", send: () => undefined, closed: false };
  await assert.rejects(blast([bad], 1, 0), /does not carry its requestId/);
});

test("POST /admin/blast sends stamped User updates in the Finesse envelope; stats count signed-in users", async () => {
  const sim = await startSimulator({ agents: 2, supervisors: 0, ctiDelayMs: 1, admin: true });
  const u = sim.population.users[0]!;
  const c = await login(sim.wsUrl, sim.domain, u.id, u.password);
  try {
    const stats = async () => (await (await fetch(`${sim.url}/admin/stats`)).json()) as { signedIn: number };
    assert.equal((await stats()).signedIn, 0);
    const res = await fetch(`${sim.restUrl}/User/${u.id}`, {
      method: "PUT", headers: { Authorization: `Basic ${b64(`${u.id}:${u.password}`)}`, "Content-Type": "application/xml" },
      body: `<User><state>LOGIN</state><extension>${u.extension}</extension></User>`,
    });
    assert.equal(res.status, 202);
    await c.next((e) => e.name === "message");
    assert.equal((await stats()).signedIn, 1);
    const before = Date.now();
    const r = await fetch(`${sim.url}/admin/blast?events=3`, { method: "POST" });
    assert.equal(r.status, 200);
    assert.deepEqual({ ...((await r.json()) as object), seconds: 0 }, { sent: 3, sessions: 1, seconds: 0 });
    for (let i = 0; i < 3; i++) {
      const n = readNotification(await c.next((e) => e.name === "message"));
      assert.equal(n?.node, `/finesse/api/User/${u.id}`);
      const upd = parseUpdate(n!.payload);
      assert.equal(upd.kind === "user" && upd.user.state, "NOT_READY");
      assert.match(upd.requestId, /^bench-\d+$/);
      const sentAt = Number(upd.requestId.slice(BLAST_REQUEST_ID_PREFIX.length));
      assert.ok(sentAt >= before && sentAt <= Date.now());
    }
    const bad = await fetch(`${sim.url}/admin/blast?events=0`, { method: "POST" });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /events must be a number from 1/);
  } finally {
    c.close();
    await sim.stop();
  }
});

test("POST /admin/blast with no session connected answers 409 naming the cause", async () => {
  const sim = await startSimulator({ agents: 1, supervisors: 0, admin: true });
  try {
    const r = await fetch(`${sim.url}/admin/blast?events=1`, { method: "POST" });
    assert.equal(r.status, 409);
    assert.match(((await r.json()) as { error: string }).error, /no available session/);
  } finally {
    await sim.stop();
  }
});
