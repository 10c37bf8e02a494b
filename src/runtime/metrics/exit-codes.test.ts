import { test } from "node:test";
import assert from "node:assert/strict";
import { EXIT_CODE_MEANINGS, ExitCode } from "./exit-codes.ts";

test("k6's exit codes", () => {
  assert.deepEqual(ExitCode, {
    Success: 0, CloudTestRunFailed: 97, CloudFailedToGetProgress: 98, ThresholdsHaveFailed: 99, SetupTimeout: 100,
    TeardownTimeout: 101, GenericTimeout: 102, GenericEngine: 103, InvalidConfig: 104, ExternalAbort: 105,
    CannotStartRESTAPI: 106, ScriptException: 107, ScriptAborted: 108, GoPanic: 109, MarkedAsFailed: 110,
  });
  for (const code of Object.values(ExitCode)) assert.equal(typeof EXIT_CODE_MEANINGS[code], "string");
});
