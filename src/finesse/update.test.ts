import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, escapeXMLText } from "../xml/index.ts";
import { asyncApiErrorsElement } from "./api-errors.ts";
import { FinesseParseError } from "./errors.ts";
import { systemInfoElement } from "./system-info.ts";
import { teamElement, teamMemberElement } from "./team.ts";
import { notificationMessage, parseUpdate, readNotification, updateText } from "./update.ts";
import { userElement, type UserInfo } from "./user.ts";

const user: UserInfo = {
  loginId: "1001001", loginName: "agent1", firstName: "Ann", lastName: "Lee", extension: "2001", state: "NOT_READY",
  pendingState: "", reasonCodeId: "-1", reasonCode: undefined, stateChangeTime: "2026-01-01T10:00:00.000Z",
  teamId: "5005", teamName: "Team 5005", roles: ["Agent"], teams: [], mediaType: "1", uri: "/finesse/api/User/1001001",
};

test("a User update built for the wire parses back to the same user", () => {
  const text = updateText({ data: userElement(user, "user"), event: "PUT", requestId: "r-1", source: "/finesse/api/User/1001001" });
  assert.match(text, /^<Update>\n  <data>\n    <user>\n/);
  const u = parseUpdate(text);
  assert.equal(u.kind, "user");
  assert.equal(u.requestId, "r-1");
  assert.equal(u.event, "PUT");
  if (u.kind === "user") assert.deepEqual(u.user, user);
});

test("an event message carries the escaped update and is read back regardless of the notification namespace", () => {
  const text = updateText({ data: userElement(user, "user"), event: "PUT", requestId: "", source: "/finesse/api/User/1001001" });
  for (const ns of ["urn:xmpp:push:0", "http://jabber.org/protocol/pubsub"]) {
    const msg = notificationMessage({ from: "pubsub.f.example", to: "1001001@f.example", id: "QM0FAiNp", node: "/finesse/api/User/1001001", itemId: "seed7", notificationNs: ns, updateText: text });
    const wire = msg.toString();
    assert.ok(wire.includes("&lt;Update&gt;"), "payload is entity-escaped text");
    assert.ok(!wire.includes(" type="), "no message type");
    const ev = readNotification(parse(wire));
    assert.ok(ev);
    assert.equal(ev.node, "/finesse/api/User/1001001");
    assert.equal(ev.itemId, "seed7");
    assert.equal(ev.payload, text);
  }
});

test("a captured-style error event (children reordered, lower-case event) parses as api-error", () => {
  const inner = `<Update><data><apiErrors><apiError><peripheralErrorCode>10125</peripheralErrorCode><errorType>Invalid State</errorType><errorMessage>CF_INVALID_OBJECT_STATE</errorMessage><errorData>22</errorData></apiError></apiErrors></data><requestId>abc</requestId><source>/finesse/api/User/6021</source><event>put</event></Update>`;
  const wire = `<message from='pubsub.d' to='6021@d' id='x1'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='/finesse/api/User/6021'><item id='u330'><notification xmlns='urn:xmpp:push:0'>${escapeXMLText(inner)}</notification></item></items></event></message>`;
  const ev = readNotification(parse(wire));
  assert.ok(ev);
  const u = parseUpdate(ev.payload);
  assert.equal(u.kind, "api-error");
  assert.equal(u.event, "PUT");
  if (u.kind === "api-error") assert.deepEqual(u.errors, [{ errorType: "Invalid State", errorMessage: "CF_INVALID_OBJECT_STATE", errorData: "22", peripheralErrorCode: "10125" }]);
  assert.deepEqual(parseUpdate(updateText({ data: asyncApiErrorsElement([{ errorType: "T", errorMessage: "M", errorData: "1" }]), event: "put", requestId: "", source: "s" })).kind, "api-error");
});

test("capitalised <User>, SystemInfo, team and member updates, and empty data are recognised", () => {
  const cap = parseUpdate(`<Update><event>PUT</event><data>${userElement(user, "User").toString()}</data><requestId/><source>/finesse/api/User/1001001</source></Update>`);
  assert.equal(cap.kind, "user");
  assert.equal(cap.requestId, "");
  const si = parseUpdate(updateText({ data: systemInfoElement({ status: "OUT_OF_SERVICE", xmppDomain: "d", xmppPubSubDomain: "pubsub.d", deploymentType: "UCCE", currentTimestamp: "", primaryNode: "d", secondaryNode: undefined, systemAuthMode: "NON_SSO" }), event: "PUT", requestId: "", source: "/finesse/api/SystemInfo" }));
  assert.equal(si.kind === "system-info" && si.systemInfo.status, "OUT_OF_SERVICE");
  const member = { loginId: "7", firstName: "A", lastName: "B", extension: "1", state: "READY", pendingState: "", stateChangeTime: "t", reasonCode: undefined };
  const m = parseUpdate(updateText({ data: teamMemberElement(member, "user"), event: "PUT", requestId: "", source: "/finesse/api/User/7" }));
  assert.equal(m.kind, "team-user");
  if (m.kind === "team-user") assert.deepEqual(m.member, member);
  const t = parseUpdate(updateText({ data: teamElement({ id: "5", name: "T", users: [member] }, "team"), event: "PUT", requestId: "", source: "/finesse/api/Team/5" }));
  assert.equal(t.kind === "team-user" && t.team?.users[0]?.state, "READY");
  const del = parseUpdate("<Update><data/><event>DELETE</event><requestId/><source>/finesse/api/User/9</source></Update>");
  assert.equal(del.kind, "other");
});

test("malformed payloads fail with a typed error naming the problem", () => {
  assert.throws(() => parseUpdate("<Update><data>"), (e: unknown) => e instanceof FinesseParseError && e.kind === "bad-xml");
  assert.throws(() => parseUpdate("<Other/>"), (e: unknown) => e instanceof FinesseParseError && e.kind === "bad-root");
  assert.throws(() => parseUpdate("<Update><data><user><state>READY</state></user></data></Update>"), (e: unknown) => e instanceof FinesseParseError && e.kind === "missing-field");
  assert.equal(readNotification(parse("<message><body>hi</body></message>")), undefined);
});

test("error updates use the captured child order and empty elements are written open/close", () => {
  const text = updateText({ data: asyncApiErrorsElement([{ errorType: "T", errorMessage: "M", errorData: "1" }]), event: "put", requestId: "", source: "/finesse/api/User/1" });
  assert.deepEqual(parse(text).getChildElements().map((c) => c.name), ["data", "requestId", "source", "event"]);
  assert.ok(text.includes("<requestId></requestId>"));
});
