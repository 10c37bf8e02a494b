import { test } from "node:test";
import assert from "node:assert/strict";
import { request as httpsRequest } from "node:https";
import WebSocket from "ws";
import { parse } from "../xml/index.ts";
import { parseUpdate, readApiErrors, readNotification, readUser, type FinesseUpdate } from "../finesse/index.ts";
import { login, b64, NS, RawClient } from "./raw-client.test-helper.ts";
import { startSimulator, type Simulator } from "./server.ts";

const auth = (sim: Simulator, i: number) => {
  const u = sim.population.users[i]!;
  return { Authorization: `Basic ${b64(`${u.id}:${u.password}`)}` };
};
const put = (sim: Simulator, i: number, body: string) =>
  fetch(`${sim.restUrl}/User/${sim.population.users[i]!.id}`, { method: "PUT", headers: { ...auth(sim, i), "Content-Type": "application/xml" }, body });
const update = async (c: RawClient, node?: string): Promise<FinesseUpdate> =>
  parseUpdate(readNotification(await c.next((e) => e.name === "message" && (node === undefined || readNotification(e)?.node === node)))!.payload);
const signIn = async (sim: Simulator, i: number, c: RawClient) => {
  assert.equal((await put(sim, i, `<User><state>LOGIN</state><extension>${sim.population.users[i]!.extension}</extension></User>`)).status, 202);
  await update(c, `/finesse/api/User/${sim.population.users[i]!.id}`);
};

test("CTI failover: SystemInfo events, 503 SERVER_OUT_OF_SERVICE meanwhile, then states re-published", async () => {
  const sim = await startSimulator({ agents: 2, supervisors: 0, ctiDelayMs: 1 });
  const u = sim.population.users[0]!;
  const c = await login(sim.wsUrl, sim.domain, u.id, u.password);
  try {
    await signIn(sim, 0, c);
    sim.admin.outOfService(0.4);
    const down = await update(c, "/finesse/api/SystemInfo");
    assert.equal(down.kind === "system-info" && down.systemInfo.status, "OUT_OF_SERVICE");
    const res = await fetch(`${sim.restUrl}/User/${u.id}`, { headers: auth(sim, 0) });
    assert.equal(res.status, 503);
    assert.deepEqual(readApiErrors(parse(await res.text()))[0], { errorType: "Service Unavailable", errorMessage: "SERVER_OUT_OF_SERVICE", errorData: "", peripheralErrorCode: undefined });
    const up = await update(c, "/finesse/api/SystemInfo");
    assert.equal(up.kind === "system-info" && up.systemInfo.status, "IN_SERVICE");
    const again = await update(c, `/finesse/api/User/${u.id}`);
    assert.equal(again.kind === "user" && again.user.state, "NOT_READY", "last state re-published");
    assert.equal((await fetch(`${sim.restUrl}/User/${u.id}`, { headers: auth(sim, 0) })).status, 200);
  } finally {
    c.close();
    await sim.stop();
  }
});

test("presence loss beyond the grace period forces a logout with reason 255; returning in time does not", async () => {
  const sim = await startSimulator({ agents: 2, supervisors: 1, ctiDelayMs: 1, presenceGraceMs: 300 });
  const [a, b, s] = sim.population.users;
  const sup = await login(sim.wsUrl, sim.domain, s!.id, s!.password, "sup");
  sup.send(`<iq xmlns="jabber:client" type="set" id="t" to="${sim.pubsubDomain}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscribe node="/finesse/api/Team/1/Users" jid="${s!.id}@${sim.domain}/sup"/></pubsub></iq>`);
  await sup.next((e) => e.attrs.id === "t");
  try {
    const ca = await login(sim.wsUrl, sim.domain, a!.id, a!.password);
    await signIn(sim, 0, ca);
    await update(sup, "/finesse/api/Team/1/Users");
    const cb = await login(sim.wsUrl, sim.domain, b!.id, b!.password);
    await signIn(sim, 1, cb);
    await update(sup, "/finesse/api/Team/1/Users");
    ca.close();
    cb.send(`<presence xmlns="jabber:client" type="unavailable"/>`);
    await new Promise((r) => setTimeout(r, 100));
    cb.send(`<presence xmlns="jabber:client"/>`);
    const ev = await update(sup, "/finesse/api/Team/1/Users");
    assert.equal(ev.kind, "team-user");
    if (ev.kind === "team-user") {
      assert.equal(ev.member?.loginId, a!.id, "only the agent that stayed away is logged out");
      assert.equal(ev.member?.state, "LOGOUT");
      assert.equal(ev.member?.reasonCode?.id, "255");
    }
    const user = readUser(parse(await (await fetch(`${sim.restUrl}/User/${b!.id}`, { headers: auth(sim, 1) })).text()));
    assert.equal(user.state, "NOT_READY");
    assert.equal(sim.admin.stats().forcedLogouts, 1);
    cb.close();
  } finally {
    sup.close();
    await sim.stop();
  }
});

test("finesse presence, dropped events, refused connections and dropped sockets", async () => {
  const sim = await startSimulator({ agents: 1, supervisors: 0, ctiDelayMs: 1 });
  const u = sim.population.users[0]!;
  const c = await login(sim.wsUrl, sim.domain, u.id, u.password);
  try {
    sim.admin.setFinessePresence(false);
    const gone = await c.next((e) => e.name === "presence");
    assert.equal(gone.attrs.type, "unavailable");
    assert.equal(gone.attrs.from, `finesse@${sim.domain}/finesse`);
    sim.admin.setFinessePresence(true);
    assert.equal((await c.next((e) => e.name === "presence")).attrs.type, undefined);
    sim.admin.dropEvents(1);
    await put(sim, 0, `<User><state>LOGIN</state><extension>1</extension></User>`);
    await assert.rejects(c.next((e) => e.name === "message", 300), /no matching frame/);
    assert.ok(sim.admin.stats().dropped >= 1);
    sim.admin.dropEvents(0);
    sim.admin.refuseConnections(true);
    await assert.rejects(RawClient.connect(sim.wsUrl), /HTTP 503/);
    sim.admin.refuseConnections(false);
    assert.equal(sim.admin.dropSockets(), 1);
    const closed = await c.waitClosed();
    assert.equal(closed.code, 1006, "no close handshake");
  } finally {
    c.close();
    await sim.stop();
  }
});

test("the admin endpoint exists only when enabled and names bad parameters", async () => {
  const off = await startSimulator({ agents: 1, supervisors: 0 });
  try {
    assert.equal((await fetch(`${off.url}/admin/stats`)).status, 404);
  } finally {
    await off.stop();
  }
  const sim = await startSimulator({ agents: 1, supervisors: 0, admin: true });
  try {
    const stats = await (await fetch(`${sim.url}/admin/stats`)).json() as { sessions: number; inService: boolean };
    assert.equal(stats.inService, true);
    const bad = await fetch(`${sim.url}/admin/drop-events?fraction=2`, { method: "POST" });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /fraction/);
    const lat = await fetch(`${sim.url}/admin/latency?restMs=150`, { method: "POST" });
    assert.equal(lat.status, 200);
    const t0 = Date.now();
    await fetch(`${sim.restUrl}/SystemInfo`, { headers: auth(sim, 0) });
    assert.ok(Date.now() - t0 >= 140, "REST latency applied");
    assert.equal((await fetch(`${sim.url}/admin/out-of-service?seconds=30`, { method: "POST" })).status, 200);
    assert.equal((await fetch(`${sim.restUrl}/SystemInfo`, { headers: auth(sim, 0) })).status, 503);
    assert.equal((await fetch(`${sim.url}/admin/nope`, { method: "POST" })).status, 404);
  } finally {
    await sim.stop();
  }
});

test("reject-new conflict policy and the alternative notification namespace", async () => {
  const sim = await startSimulator({ agents: 1, supervisors: 0, ctiDelayMs: 1, conflictPolicy: "reject-new", notificationNs: "http://jabber.org/protocol/pubsub" });
  const u = sim.population.users[0]!;
  const a = await login(sim.wsUrl, sim.domain, u.id, u.password, "desktop");
  const b = await RawClient.connect(sim.wsUrl);
  try {
    b.send(`<open xmlns="${NS.framing}" version="1.0"/>`);
    await b.next((e) => e.name === "stream:features");
    b.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${b64(`\0${u.id}\0${u.password}`)}</auth>`);
    await b.next((e) => e.name === "success");
    b.send(`<open xmlns="${NS.framing}" version="1.0"/>`);
    await b.next((e) => e.name === "stream:features");
    b.send(`<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="${NS.bind}"><resource>desktop</resource></bind></iq>`);
    const r = await b.next((e) => e.attrs.id === "b");
    assert.equal(r.attrs.type, "error");
    assert.ok(r.getChild("error")?.getChild("conflict"));
    await put(sim, 0, `<User><state>LOGIN</state><extension>1</extension></User>`);
    const m = await a.next((e) => e.name === "message");
    assert.equal(m.getChild("event")?.getChild("items")?.getChild("item")?.getChild("notification")?.attrs.xmlns, "http://jabber.org/protocol/pubsub");
  } finally {
    a.close();
    b.close();
    await sim.stop();
  }
});

test("TLS mode serves REST and wss with a self-signed certificate on the same port", async () => {
  const sim = await startSimulator({ agents: 1, supervisors: 0, tls: true });
  try {
    assert.match(sim.wsUrl, /^wss:\/\/127\.0\.0\.1:\d+\/ws\/$/);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(`${sim.restUrl}/SystemInfo`, { ca: sim.tls!.cert, headers: auth(sim, 0) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(status, 200);
    const ws = new WebSocket(sim.wsUrl, ["xmpp"], { ca: sim.tls!.cert });
    const first = await new Promise<string>((resolve, reject) => {
      ws.on("open", () => ws.send(`<open xmlns="${NS.framing}" version="1.0"/>`));
      ws.on("message", (d) => resolve(d.toString()));
      ws.on("error", reject);
    });
    assert.match(first, /^<open /);
    ws.terminate();
  } finally {
    await sim.stop();
  }
});

test("a partial drop fraction loses some deliveries and event latency delays them", async () => {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const sim = await startSimulator({ agents: 1, supervisors: 0, ctiDelayMs: 1, random });
  const u = sim.population.users[0]!;
  const c = await login(sim.wsUrl, sim.domain, u.id, u.password);
  try {
    await signIn(sim, 0, c);
    sim.admin.dropEvents(0.5);
    for (let i = 0; i < 20; i++) assert.equal((await put(sim, 0, i % 2 ? "<User><state>READY</state></User>" : "<User><state>NOT_READY</state></User>")).status, 202);
    await new Promise((r) => setTimeout(r, 400));
    const { delivered, dropped } = sim.admin.stats();
    assert.ok(dropped > 0 && dropped < 20, `dropped ${dropped} of 20`);
    assert.equal(c.frames.filter((f) => f.startsWith("<message")).length, 20 - dropped);
    assert.ok(delivered >= 20 - dropped);
    c.frames.length = 0;
    sim.admin.dropEvents(0);
    sim.admin.setLatency({ eventMs: 300 });
    await put(sim, 0, "<User><state>READY</state></User>");
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(c.frames.filter((f) => f.startsWith("<message")).length, 0, "not yet delivered");
    await update(c);
  } finally {
    c.close();
    await sim.stop();
  }
});

test("idle WebSockets get ping control frames, as Openfire sends them", async () => {
  const sim = await startSimulator({ agents: 1, supervisors: 0, wsIdlePingMs: 150 });
  const c = await RawClient.connect(sim.wsUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("no ping within 2 s")), 2000);
      c.ws.once("ping", () => {
        clearTimeout(t);
        resolve();
      });
    });
  } finally {
    c.close();
    await sim.stop();
  }
});
