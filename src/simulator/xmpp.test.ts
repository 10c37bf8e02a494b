import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { parseUpdate, readNotification } from "../finesse/index.ts";
import { login, NS, RawClient, b64 } from "./raw-client.test-helper.ts";
import { startSimulator, type Simulator } from "./server.ts";

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ agents: 7, supervisors: 1, teamSize: 10, ctiDelayMs: 5, presenceGraceMs: 60_000, lockoutFailures: 3, lockoutMs: 60_000 });
});
after(() => sim.stop());

const agent = (i: number) => sim.population.users[i]!;
const put = (id: string, password: string, body: string, requestId?: string, target = id) =>
  fetch(`${sim.restUrl}/User/${target}`, {
    method: "PUT",
    headers: { Authorization: `Basic ${b64(`${id}:${password}`)}`, "Content-Type": "application/xml", ...(requestId ? { requestId } : {}) },
    body,
  });

test("the desktop sequence: open, features, PLAIN, restart, bind, session, presence, sign-in event", async () => {
  const u = agent(0);
  const c = await RawClient.connect(sim.wsUrl);
  try {
    assert.equal(c.ws.protocol, "xmpp");
    c.send(`<open xmlns="${NS.framing}" to="${sim.domain}" version="1.0"/>`);
    const open = await c.next();
    assert.equal(open.name, "open");
    assert.equal(open.attrs.from, sim.domain);
    assert.equal(open.attrs.version, "1.0");
    assert.equal(open.attrs.xmlns, NS.framing);
    assert.ok(open.attrs.id && open.attrs["xml:lang"]);
    assert.equal(open.children.length, 0, "features come in a separate frame");
    const features = await c.next();
    assert.equal(features.name, "stream:features");
    const mechs = features.getChild("mechanisms", NS.sasl)!.getChildren("mechanism").map((m) => m.getText());
    assert.deepEqual(mechs, ["PLAIN"]);
    assert.equal(features.getChild("sm"), undefined);
    c.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${b64(`\0${u.id}\0${u.password}`)}</auth>`);
    assert.equal((await c.next()).name, "success");
    c.send(`<open xmlns="${NS.framing}" to="${sim.domain}" version="1.0"/>`);
    const open2 = await c.next();
    assert.notEqual(open2.attrs.id, open.attrs.id, "a new stream id after restart");
    const f2 = await c.next();
    assert.ok(f2.getChild("bind", NS.bind));
    assert.ok(f2.getChild("session", "urn:ietf:params:xml:ns:xmpp-session")?.getChild("optional"));
    c.send(`<iq xmlns="jabber:client" type="set" id="b1"><bind xmlns="${NS.bind}"><resource>desktop</resource></bind></iq>`);
    const bound = await c.next();
    const full = `${u.id.toLowerCase()}@${sim.domain}/desktop`;
    assert.equal(bound.getChild("bind", NS.bind)?.getChildText("jid"), full);
    c.send(`<iq xmlns="jabber:client" type="set" id="s1"><session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>`);
    assert.equal((await c.next()).attrs.type, "result");
    c.send(`<presence xmlns="jabber:client"/>`);
    const fp = await c.next();
    assert.equal(fp.name, "presence");
    assert.equal(fp.attrs.from, `finesse@${sim.domain}/finesse`);
    assert.equal(fp.attrs.type, undefined);
    c.send(`<iq xmlns="jabber:client" type="get" to="${sim.domain}" id="1b4e28ba-2fa1-11d2-883f-0016d3cca427:ping"><ping xmlns="urn:xmpp:ping"/></iq>`);
    const pong = await c.next();
    assert.equal(pong.attrs.type, "result");
    assert.equal(pong.attrs.id, "1b4e28ba-2fa1-11d2-883f-0016d3cca427:ping");
    c.send(`<iq xmlns="jabber:client" type="get" id="r1"><query xmlns="jabber:iq:roster"/></iq>`);
    const roster = await c.next();
    assert.equal(roster.getChild("query", "jabber:iq:roster")?.getChild("item")?.attrs.jid, `finesse@${sim.domain}`);

    const res = await put(u.id, u.password, `<User><state>LOGIN</state><extension>${u.extension}</extension></User>`, "req-login");
    assert.equal(res.status, 202);
    assert.equal(res.headers.get("requestId"), "req-login");
    const msg = await c.next((e) => e.name === "message");
    assert.equal(msg.attrs.type, undefined, "event messages carry no type");
    assert.equal(msg.attrs.from, sim.pubsubDomain);
    assert.equal(msg.attrs.to, `${u.id.toLowerCase()}@${sim.domain}`, "automatic subscriptions address the bare JID");
    assert.match(msg.attrs.id ?? "", /^[A-Za-z0-9]{8}$/);
    const ev = readNotification(msg)!;
    assert.equal(ev.node, `/finesse/api/User/${u.id}`);
    assert.equal(msg.getChild("event")?.getChild("items")?.getChild("item")?.getChild("notification")?.attrs.xmlns, "urn:xmpp:push:0");
    assert.match(ev.payload, /^<Update>\n {2}<data>\n/);
    const up = parseUpdate(ev.payload);
    assert.equal(up.kind, "user");
    assert.equal(up.requestId, "req-login");
    if (up.kind === "user") {
      assert.equal(up.user.state, "NOT_READY");
      assert.equal(up.user.reasonCodeId, "-1");
      assert.equal(up.user.extension, u.extension);
    }
    const r2 = await put(u.id, u.password, "<User><state>READY</state></User>", "req-ready");
    assert.equal(r2.status, 202);
    const ev2 = readNotification(await c.next((e) => e.name === "message"))!;
    assert.equal(parseUpdate(ev2.payload).kind === "user" && (parseUpdate(ev2.payload) as { user: { state: string } }).user.state, "READY");
    const [seed1, n1] = [ev.itemId.slice(0, 36), Number(ev.itemId.slice(36))];
    assert.equal(ev2.itemId.slice(0, 36), seed1, "item ids share the process seed");
    assert.ok(Number(ev2.itemId.slice(36)) > n1, "and a growing global counter");
    // Invalid transition: sign-in accepted, error arrives as an event.
    const r3 = await put(u.id, u.password, "<User><state>LOGIN</state><extension>1</extension></User>");
    assert.equal(r3.status, 202);
    await c.next((e) => e.name === "message");
    c.send(`<close xmlns="${NS.framing}"/>`);
    assert.equal((await c.next()).name, "close");
    await c.waitClosed();
  } finally {
    c.close();
  }
});

test("an invalid transition is accepted with 202 and reported as an asynchronous apiErrors event", async () => {
  const u = agent(1);
  const c = await login(sim.wsUrl, sim.domain, u.id, u.password);
  try {
    const res = await put(u.id, u.password, "<User><state>READY</state></User>", "bad-1");
    assert.equal(res.status, 202);
    const up = parseUpdate(readNotification(await c.next((e) => e.name === "message"))!.payload);
    assert.equal(up.kind, "api-error");
    assert.equal(up.requestId, "bad-1");
    if (up.kind === "api-error") assert.equal(up.errors[0]?.errorType, "Invalid State");
  } finally {
    c.close();
  }
});

test("a standards-compliant client with single-quoted attributes, Strophe-style authzid and other id formats", async () => {
  const u = agent(2);
  const c = await RawClient.connect(sim.wsUrl.replace(/\/$/, ""));
  try {
    c.send(`<open xmlns='${NS.framing}' to='${sim.domain}' version='1.0' xml:lang='de'/>`);
    await c.next((e) => e.name === "open");
    await c.next((e) => e.name === "stream:features");
    // Upper-case username in authcid; Openfire lower-cases it.
    c.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${b64(`${u.id}@${sim.domain}\0${u.id.toUpperCase()}\0${u.password}`)}</auth>`);
    assert.equal((await c.next()).name, "success");
    c.send(`<open xmlns='${NS.framing}' to='${sim.domain}' version='1.0'/>`);
    await c.next((e) => e.name === "open");
    await c.next((e) => e.name === "stream:features");
    c.send(`<iq type='set' id='42'><bind xmlns='${NS.bind}'/></iq>`);
    const bound = await c.next();
    const jid = bound.getChild("bind")!.getChildText("jid")!;
    assert.match(jid, new RegExp(`^${u.id.toLowerCase()}@${sim.domain}/.+`), "a resource is generated when none is asked for");
    c.send(`<presence><priority>1</priority></presence>`);
    await c.next((e) => e.name === "presence");
    c.send(`<iq type='get' id='9f' to='${sim.pubsubDomain}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    const pong = await c.next();
    assert.equal(pong.attrs.type, "result");
    assert.equal(pong.attrs.id, "9f");
    c.send(`<iq type='get' id='x-1'><pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions/></pubsub></iq>`.replace("id='x-1'", `id='x-1' to='${sim.pubsubDomain}'`));
    const subs = await c.next();
    const nodes = subs.getChild("pubsub")!.getChild("subscriptions")!.getChildren("subscription").map((s) => s.attrs.node);
    assert.ok(nodes.includes(`/finesse/api/User/${u.id}`));
    c.send(`<iq type='get' id='v1'><vCard xmlns='vcard-temp'/></iq>`);
    const err = await c.next();
    assert.equal(err.attrs.type, "error");
    assert.ok(err.getChild("error")?.getChild("service-unavailable"));
  } finally {
    c.close();
  }
});

test("bad PLAIN credentials fail, then lockout refuses even the right password", async () => {
  const u = agent(3);
  const c = await RawClient.connect(sim.wsUrl);
  try {
    c.send(`<open xmlns="${NS.framing}" to="${sim.domain}" version="1.0"/>`);
    await c.next((e) => e.name === "open");
    await c.next((e) => e.name === "stream:features");
    c.send(`<auth xmlns="${NS.sasl}" mechanism="SCRAM-SHA-1">x</auth>`);
    assert.ok((await c.next()).getChild("invalid-mechanism"));
    c.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${b64(`other@${sim.domain}\0${u.id}\0${u.password}`)}</auth>`);
    assert.ok((await c.next()).getChild("invalid-authzid"));
    for (let i = 0; i < 3; i++) {
      c.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${b64(`\0${u.id}\0wrong`)}</auth>`);
      const f = await c.next();
      assert.equal(f.name, "failure");
      assert.ok(f.getChild("not-authorized"));
    }
    c.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${b64(`\0${u.id}\0${u.password}`)}</auth>`);
    assert.ok((await c.next()).getChild("account-disabled"), "locked");
    const res = await fetch(`${sim.restUrl}/User/${u.id}`, { headers: { Authorization: `Basic ${b64(`${u.id}:${u.password}`)}` } });
    assert.equal(res.status, 401, "REST shares the lockout");
  } finally {
    c.close();
  }
});

test("binding the same full JID kicks the old session with a conflict stream error", async () => {
  const u = agent(4);
  const a = await login(sim.wsUrl, sim.domain, u.id, u.password, "desktop");
  const b = await login(sim.wsUrl, sim.domain, u.id, u.password, "desktop");
  try {
    const err = await a.next((e) => e.name === "stream:error");
    assert.ok(err.getChild("conflict", NS.streamErrors));
    assert.equal((await a.next()).name, "close");
    await a.waitClosed();
    b.send(`<iq xmlns="jabber:client" type="get" id="p"><ping xmlns="urn:xmpp:ping"/></iq>`);
    assert.equal((await b.next()).attrs.type, "result");
  } finally {
    a.close();
    b.close();
  }
});

test("hostile input ends the stream with the stream error Openfire sends, never a crash", async () => {
  const cases: Array<[string[], string]> = [
    [[`<open xmlns="${NS.framing}" to="${"x"}" version="1.0"/>`], "host-unknown"],
    [["<<<garbage"], "not-well-formed"],
    [[`<open xmlns="jabber:client" version="1.0"/>`], "invalid-namespace"],
    [[`<open xmlns="${NS.framing}" version="2.0"/>`], "unsupported-version"],
    [[`<iq xmlns="jabber:client" type="get" id="1"><ping xmlns="urn:xmpp:ping"/></iq>`], "not-authorized"],
    [[`<open xmlns="${NS.framing}" version="1.0"/>`, `<presence xmlns="jabber:client"/>`], "not-authorized"],
    [[`<open xmlns="${NS.framing}" version="1.0"/>`, `<foo/>`], "not-authorized"],
  ];
  for (const [frames, condition] of cases) {
    const c = await RawClient.connect(sim.wsUrl);
    try {
      for (const f of frames) c.send(f);
      const err = await c.next((e) => e.name === "stream:error");
      assert.ok(err.getChild(condition, NS.streamErrors), `${frames.join(" ")} → ${condition}: got ${err.toString()}`);
      await c.waitClosed();
    } finally {
      c.close();
    }
  }
  const u = agent(5);
  const bound = await login(sim.wsUrl, sim.domain, u.id, u.password, "h");
  bound.send("<foo xmlns='urn:example'/>");
  assert.ok((await bound.next((e) => e.name === "stream:error")).getChild("unsupported-stanza-type"));
  bound.close();
  const big = await RawClient.connect(sim.wsUrl);
  big.send(`<open xmlns="${NS.framing}" version="1.0"/>`);
  big.send(`<message xmlns="jabber:client"><body>${"x".repeat(1024 * 1024 + 10)}</body></message>`);
  assert.equal((await big.waitClosed()).code, 1009, "oversized frames close the socket with 1009 (message too big)");
  await assert.rejects(RawClient.connect(sim.wsUrl, ["chat"]), /HTTP 400/);
  await assert.rejects(RawClient.connect(sim.wsUrl, []), /HTTP 400/);
  await assert.rejects(RawClient.connect(sim.wsUrl.replace("/ws/", "/other")), /HTTP 404/);
  const ok = await login(sim.wsUrl, sim.domain, agent(0).id, agent(0).password, "after-hostile");
  ok.close();
});

test("malformed or unsupported pubsub requests get XEP-0060 errors and the stream stays up", async () => {
  const u = agent(5);
  const c = await login(sim.wsUrl, sim.domain, u.id, u.password, "ps");
  try {
    const ask = async (id: string, type: string, inner: string) => {
      c.send(`<iq xmlns="jabber:client" type="${type}" id="${id}" to="${sim.pubsubDomain}"><pubsub xmlns="http://jabber.org/protocol/pubsub">${inner}</pubsub></iq>`);
      return c.next((e) => e.attrs.id === id);
    };
    const noNode = await ask("a", "set", `<subscribe jid="${u.id}@${sim.domain}/ps"/>`);
    assert.ok(noNode.getChild("error")?.getChild("bad-request"));
    assert.ok(noNode.getChild("error")?.getChild("nodeid-required"));
    const publish = await ask("b", "set", `<publish node="/finesse/api/User/${u.id}"><item><x/></item></publish>`);
    assert.ok(publish.getChild("error")?.getChild("feature-not-implemented"));
    const create = await ask("c", "set", `<create node="n"/>`);
    assert.equal(create.getChild("error")?.getChild("unsupported")?.attrs.feature, "create");
    const own = await ask("d", "set", `<subscribe node="/finesse/api/User/${u.id}" jid="${u.id}@${sim.domain}/ps"/>`);
    assert.equal(own.attrs.type, "result", "an agent may subscribe to its own nodes");
    assert.equal(own.attrs.from, sim.pubsubDomain);
    c.send(`<iq xmlns="jabber:client" type="get" id="p"><ping xmlns="urn:xmpp:ping"/></iq>`);
    assert.equal((await c.next((e) => e.attrs.id === "p")).attrs.type, "result");
  } finally {
    c.close();
  }
});

test("automatic events reach every available resource of the user, not unavailable or negative-priority ones", async () => {
  const u = agent(6);
  const a = await login(sim.wsUrl, sim.domain, u.id, u.password, "one");
  const b = await login(sim.wsUrl, sim.domain, u.id, u.password, "two");
  const quiet = await login(sim.wsUrl, sim.domain, u.id, u.password, "quiet", false);
  quiet.send(`<presence xmlns="jabber:client"><priority>-1</priority></presence>`);
  try {
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await put(u.id, u.password, `<User><state>LOGIN</state><extension>${u.extension}</extension></User>`, "both")).status, 202);
    for (const c of [a, b]) {
      const m = await c.next((e) => e.name === "message");
      assert.equal(m.attrs.to, `${u.id.toLowerCase()}@${sim.domain}`);
      assert.equal(parseUpdate(readNotification(m)!.payload).requestId, "both");
    }
    await assert.rejects(quiet.next((e) => e.name === "message", 300), /no matching frame/);
  } finally {
    a.close();
    b.close();
    quiet.close();
  }
});
