import { test } from "node:test";
import assert from "node:assert/strict";
import { xml } from "../xml/index.ts";
import { apiErrorsElement } from "./api-errors.ts";
import { FinesseApiError } from "./errors.ts";
import { parseNode, teamUsersNode, userNode, mediaNode } from "./nodes.ts";
import { expectSuccess, getSystemInfoRequest, parseUserResponse, putStateRequest, readStateChange, type RestResponse } from "./rest.ts";

const base64 = { encode: (s: string) => Buffer.from(s, "utf8").toString("base64"), decode: (s: string) => Buffer.from(s, "base64").toString("utf8") };
const res = (status: number, body: string, headers: Record<string, string> = {}): RestResponse => ({ status, body, header: (n) => headers[n] });

test("requests carry Basic auth, requestId and an XML body that the server side reads back", () => {
  const r = putStateRequest({ id: "1001", password: "p:w" }, base64, { state: "NOT_READY", reasonCodeId: "12" }, "req-1");
  assert.equal(r.method, "PUT");
  assert.equal(r.path, "/finesse/api/User/1001");
  assert.equal(r.headers.Authorization, `Basic ${base64.encode("1001:p:w")}`);
  assert.equal(r.headers.requestId, "req-1");
  assert.deepEqual(readStateChange(r.body!), { state: "NOT_READY", reasonCodeId: "12" });
  assert.deepEqual(readStateChange(putStateRequest({ id: "1", password: "x" }, base64, { state: "LOGIN", extension: "2001" }, "r").body!), { state: "LOGIN", extension: "2001" });
  assert.equal(getSystemInfoRequest({ id: "1", password: "x" }, base64).body, undefined);
});

test("malformed state changes are refused with 400 and the Finesse error type", () => {
  const cases: Array<[string, string]> = [
    ["<User><state>LOGIN</state></User>", "Parameter Missing"],
    ["<User><extension>1</extension></User>", "Parameter Missing"],
    ["<User><state>TALKING</state></User>", "Invalid Input"],
    ["<User><state>NOT_READY</state><reasonCodeId>x</reasonCodeId></User>", "Invalid Input"],
    ["<User><state>", "Invalid Input"],
    ["<Dialog/>", "Invalid Input"],
  ];
  for (const [body, type] of cases) {
    assert.throws(() => readStateChange(body), (e: unknown) => e instanceof FinesseApiError && e.status === 400 && e.errorType === type, body);
  }
});

test("error responses become FinesseApiError with the ApiErrors fields and echoed requestId", () => {
  const body = apiErrorsElement([{ errorType: "Service Unavailable", errorMessage: "SERVER_OUT_OF_SERVICE", errorData: "" }]).toString();
  assert.throws(() => expectSuccess(res(503, body, { requestId: "r9" })), (e: unknown) =>
    e instanceof FinesseApiError && e.status === 503 && e.errorMessage === "SERVER_OUT_OF_SERVICE" && e.requestId === "r9");
  assert.throws(() => expectSuccess(res(502, "<html>bad gateway</html>")), (e: unknown) => e instanceof FinesseApiError && e.status === 502);
  const user = parseUserResponse(res(200, xml("User", {}, xml("loginId", {}, "5"), xml("state", {}, "LOGOUT")).toString()));
  assert.equal(user.loginId, "5");
});

test("node names round-trip through parseNode", () => {
  assert.deepEqual(parseNode(userNode("42")), { kind: "user", userId: "42" });
  assert.deepEqual(parseNode(mediaNode("42", "5000")), { kind: "media", userId: "42", mrdId: "5000" });
  assert.deepEqual(parseNode(teamUsersNode("7")), { kind: "team-users", teamId: "7" });
  assert.deepEqual(parseNode("/finesse/api/SystemInfo"), { kind: "system-info" });
  assert.equal(parseNode("/finesse/api/Queue/1").kind, "other");
});
