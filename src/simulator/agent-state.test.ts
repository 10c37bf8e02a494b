import { test } from "node:test";
import assert from "node:assert/strict";
import { applyChange, forceLogout, newRecord } from "./agent-state.ts";

const user = { id: "1", password: "p", extension: "2000", teamId: "1", role: "agent" as const, firstName: "A", lastName: "1" };
const now = new Date("2026-01-01T00:00:00.000Z");

test("sign-in leads to NOT_READY with reason -1; READY, NOT_READY with a reason, LOGOUT from NOT_READY", () => {
  const r = newRecord(user, now);
  assert.equal(applyChange(r, { state: "LOGIN", extension: "2000" }, "UCCE", now), undefined);
  assert.deepEqual([r.state, r.reasonCodeId, r.extension], ["NOT_READY", "-1", "2000"]);
  applyChange(r, { state: "READY" }, "UCCE", now);
  assert.equal(r.state, "READY");
  assert.equal(applyChange(r, { state: "LOGIN", extension: "2000" }, "UCCE", now), undefined);
  assert.equal(r.state, "READY", "signing in again keeps the state");
  assert.equal(applyChange(r, { state: "LOGOUT" }, "UCCE", now)?.errorType, "Invalid State", "UCCE: LOGOUT only from NOT_READY");
  applyChange(r, { state: "NOT_READY", reasonCodeId: "12" }, "UCCE", now);
  assert.equal(r.reasonCodeId, "12");
  applyChange(r, { state: "LOGOUT" }, "UCCE", now);
  assert.deepEqual([r.state, r.extension], ["LOGOUT", ""]);
});

test("changes while signed out are refused; UCCX allows LOGOUT from READY; forced logout uses reason 255", () => {
  const r = newRecord(user, now);
  assert.equal(applyChange(r, { state: "READY" }, "UCCE", now)?.errorMessage, "CF_INVALID_OBJECT_STATE");
  assert.equal(applyChange(r, { state: "NOT_READY" }, "UCCE", now)?.errorData, "257");
  assert.equal(applyChange(r, { state: "NOT_READY" }, "UCCX", now)?.errorData, "1010");
  applyChange(r, { state: "LOGIN", extension: "1" }, "UCCX", now);
  applyChange(r, { state: "READY" }, "UCCX", now);
  assert.equal(applyChange(r, { state: "LOGOUT" }, "UCCX", now), undefined);
  applyChange(r, { state: "LOGIN", extension: "1" }, "UCCE", now);
  forceLogout(r, now);
  assert.deepEqual([r.state, r.reasonCodeId], ["LOGOUT", "255"]);
});
