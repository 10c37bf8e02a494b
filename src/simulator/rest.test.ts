import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { parse } from "../xml/index.ts";
import { parseUpdate, readApiErrors, readNotification, readSystemInfo, readTeam, readUser, type FinesseUpdate } from "../finesse/index.ts";
import { login, b64, type RawClient } from "./raw-client.test-helper.ts";
import { startSimulator, type Simulator } from "./server.ts";

let sim: Simulator;
before(async () => {
  // Agents 1001000…1001003 in teams 1 (…001) and 2 (…003); supervisor 1001004 supervises team 1.
  sim = await startSimulator({ agents: 4, supervisors: 1, teamSize: 3, ctiDelayMs: 5 });
});
after(() => sim.stop());

const u = (i: number) => sim.population.users[i]!;
const auth = (i: number) => ({ Authorization: `Basic ${b64(`${u(i).id}:${u(i).password}`)}` });
const get = (path: string, i: number) => fetch(`${sim.restUrl}${path}`, { headers: auth(i) });
const put = (target: string, i: number, body: string, requestId?: string) =>
  fetch(`${sim.restUrl}/User/${target}`, { method: "PUT", headers: { ...auth(i), "Content-Type": "application/xml", ...(requestId ? { requestId } : {}) }, body });
const apiError = async (res: Response) => readApiErrors(parse(await res.text()))[0];
const nextUpdate = async (c: RawClient, node?: string): Promise<{ to: string; update: FinesseUpdate }> => {
  const m = await c.next((e) => e.name === "message" && (node === undefined || readNotification(e)?.node === node));
  return { to: m.attrs.to ?? "", update: parseUpdate(readNotification(m)!.payload) };
};

test("population layout: agents fill teams in order, the supervisor supervises team 1", () => {
  assert.deepEqual(sim.population.users.map((x) => `${x.id}:${x.teamId}:${x.role}`), [
    "1001000:1:agent", "1001001:1:agent", "1001002:1:agent", "1001003:2:agent", "1001004:1:supervisor",
  ]);
});

test("every request needs Basic auth; SystemInfo gives the XMPP domains", async () => {
  const none = await fetch(`${sim.restUrl}/SystemInfo`);
  assert.equal(none.status, 401);
  assert.equal((await apiError(none))?.errorType, "Authorization Failure");
  const wrong = await fetch(`${sim.restUrl}/SystemInfo`, { headers: { Authorization: `Basic ${b64(`${u(0).id}:nope`)}` } });
  assert.equal(wrong.status, 401);
  const res = await get("/SystemInfo", 0);
  assert.equal(res.status, 200);
  const info = readSystemInfo(parse(await res.text()));
  assert.equal(info.status, "IN_SERVICE");
  assert.equal(info.xmppDomain, sim.domain);
  assert.equal(info.xmppPubSubDomain, sim.pubsubDomain);
  assert.equal((await get("/Nothing", 0)).status, 404);
});

test("agents read only themselves; supervisors read their team members and their Team", async () => {
  const own = await get(`/User/${u(0).id}`, 0);
  assert.equal(own.status, 200);
  const user = readUser(parse(await own.text()));
  assert.equal(user.loginId, u(0).id);
  assert.equal(user.state, "LOGOUT");
  assert.equal(user.teamId, "1");
  assert.equal((await get(`/User/${u(1).id}`, 0)).status, 401);
  assert.equal((await get(`/User/${u(0).id}`, 4)).status, 200);
  assert.equal((await get(`/User/${u(3).id}`, 4)).status, 401, "member of another team");
  assert.equal((await get("/User/999", 4)).status, 404);
  const team = await get("/Team/1", 4);
  assert.equal(team.status, 200);
  assert.deepEqual(readTeam(parse(await team.text())).users.map((m) => m.loginId), [u(0).id, u(1).id, u(2).id, u(4).id]);
  assert.equal((await get("/Team/1", 0)).status, 401);
  assert.equal((await get("/Team/2", 4)).status, 401);
  assert.equal((await get("/Team/77", 4)).status, 404);
  const sup = readUser(parse(await (await get(`/User/${u(4).id}`, 4)).text()));
  assert.deepEqual(sup.roles, ["Agent", "Supervisor"]);
  assert.deepEqual(sup.teams, [{ id: "1", name: "Team 1" }]);
});

test("malformed or missing parameters give 400 ApiErrors with the requestId echoed", async () => {
  const res = await put(u(0).id, 0, "<User><state>LOGIN</state></User>", "r-400");
  assert.equal(res.status, 400);
  assert.equal(res.headers.get("requestId"), "r-400");
  assert.deepEqual(await apiError(res), { errorType: "Parameter Missing", errorMessage: "extension is required to sign in", errorData: "extension", peripheralErrorCode: undefined });
  assert.equal((await put(u(0).id, 0, "not xml")).status, 400);
  assert.equal((await put(u(0).id, 0, "<User><state>TALKING</state></User>")).status, 400);
  assert.equal((await put(u(1).id, 0, "<User><state>READY</state></User>")).status, 401, "an agent may not change another agent");
  assert.equal((await fetch(`${sim.restUrl}/SystemInfo`, { method: "PUT", headers: auth(0), body: "" })).status, 405);
});

test("supervisor: Team subscription, fan-out of member changes, state changes without reason codes, refusals", async () => {
  const sup = await login(sim.wsUrl, sim.domain, u(4).id, u(4).password, "sup");
  const ag = await login(sim.wsUrl, sim.domain, u(1).id, u(1).password, "vagent");
  const supFull = `${u(4).id}@${sim.domain}/sup`;
  try {
    const sub = (c: RawClient, id: string, node: string, jid: string, action = "subscribe") => {
      c.send(`<iq xmlns="jabber:client" type="set" id="${id}" to="${sim.pubsubDomain}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><${action} node="${node}" jid="${jid}"/></pubsub></iq>`);
      return c.next((e) => e.attrs.id === id);
    };
    const ok = await sub(sup, "s1", "/finesse/api/Team/1/Users", supFull);
    assert.equal(ok.attrs.type, "result");
    assert.equal(ok.getChild("pubsub")?.getChild("subscription")?.attrs.subscription, "subscribed");
    const agFull = `${u(1).id}@${sim.domain}/vagent`;
    const refusals: Array<[string, string, string]> = [
      ["/finesse/api/Team/1/Users", agFull, "forbidden"],
      [`/finesse/api/User/${u(0).id}`, agFull, "forbidden"],
      ["/finesse/api/Queue/1", agFull, "item-not-found"],
      ["/finesse/api/Team/1/Users", supFull, "invalid-jid"],
    ];
    for (const [node, jid, condition] of refusals) {
      const r = await sub(ag, `x${condition}`, node, jid);
      assert.equal(r.attrs.type, "error");
      assert.ok(r.getChild("error")?.getChildElements().some((e) => e.name === condition), `${node} as ${jid}: ${r.toString()}`);
    }
    assert.equal((await put(u(1).id, 1, `<User><state>LOGIN</state><extension>${u(1).extension}</extension></User>`, "a1")).status, 202);
    const agentEvent = await nextUpdate(ag);
    assert.equal(agentEvent.update.kind === "user" && agentEvent.update.user.state, "NOT_READY");
    const teamEvent = await nextUpdate(sup, "/finesse/api/Team/1/Users");
    assert.equal(teamEvent.to, supFull, "explicit full-JID subscriptions are addressed to the full JID");
    assert.equal(teamEvent.update.kind, "team-user");
    if (teamEvent.update.kind === "team-user") assert.equal(teamEvent.update.member?.state, "NOT_READY");
    assert.equal(teamEvent.update.source, `/finesse/api/User/${u(1).id}`);
    assert.equal(teamEvent.update.requestId, "a1", "the Team event answers the same request");

    const withReason = await put(u(1).id, 4, "<User><state>NOT_READY</state><reasonCodeId>3</reasonCodeId></User>");
    assert.equal(withReason.status, 400);
    assert.equal((await apiError(withReason))?.errorType, "Invalid Input");
    assert.equal((await put(u(1).id, 4, "<User><state>READY</state></User>", "sup-1")).status, 202);
    const forced = await nextUpdate(ag);
    assert.equal(forced.update.kind === "user" && forced.update.user.state, "READY");
    assert.equal(forced.update.requestId, "sup-1");
    assert.equal((await nextUpdate(sup, "/finesse/api/Team/1/Users")).update.kind, "team-user");

    // Explicit subscriptions outlive the session (DEV-SUBS).
    sup.close();
    const sup2 = await login(sim.wsUrl, sim.domain, u(4).id, u(4).password, "sup");
    try {
      assert.equal((await put(u(1).id, 1, "<User><state>NOT_READY</state><reasonCodeId>7</reasonCodeId></User>")).status, 202);
      const again = await nextUpdate(sup2, "/finesse/api/Team/1/Users");
      if (again.update.kind === "team-user") assert.equal(again.update.member?.reasonCode?.id, "7");
      assert.equal((await sub(sup2, "u1", "/finesse/api/Team/1/Users", supFull, "unsubscribe")).attrs.type, "result");
      const twice = await sub(sup2, "u2", "/finesse/api/Team/1/Users", supFull, "unsubscribe");
      assert.ok(twice.getChild("error")?.getChild("not-subscribed"));
    } finally {
      sup2.close();
    }
  } finally {
    sup.close();
    ag.close();
  }
});
