import { test } from "node:test";
import assert from "node:assert/strict";
import { readSummaryFile } from "./files.ts";
import { FIXTURES } from "./fixtures.ts";
import { junitXml, xmlEscape } from "./junit.ts";
import { checkCases, reportJunit, thresholdCases } from "./report-junit.ts";

test("text is escaped for XML attributes and content; characters XML cannot hold are replaced", () => {
  assert.equal(xmlEscape(`p(95)<500 & "x" 'y' >`), "p(95)&lt;500 &amp; &quot;x&quot; &apos;y&apos; &gt;");
  assert.equal(xmlEscape("a\u0000b\u001bc\td"), "a\uFFFDb\uFFFDc\td");
});

test("suites count their tests and failures; an empty suite is written self-closed", () => {
  const xml = junitXml("n", [
    { name: "a", time: 1.5, cases: [{ classname: "c", name: "ok" }, { classname: "c", name: "bad", failure: { type: "t", message: "m" } }] },
    { name: "b", cases: [] },
  ]);
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="n" tests="2" failures="1" errors="0" time="1\.500">/);
  assert.match(xml, /<testsuite name="a" tests="2" failures="1" errors="0" skipped="0" time="1\.500">/);
  assert.match(xml, /<testcase classname="c" name="ok" time="0\.000"\/>/);
  assert.match(xml, /<failure message="m" type="t">m<\/failure>/);
  assert.match(xml, /<testsuite name="b" tests="0" failures="0" errors="0" skipped="0" time="0\.000"\/>/);
});

test("one case per threshold with the observed value in the failure message, one per check", async () => {
  const s = await readSummaryFile(FIXTURES.fail);
  const thresholds = thresholdCases(s);
  assert.equal(thresholds.length, 11);
  assert.deepEqual(thresholds.filter((c) => c.failure).map((c) => c.failure!.message), [
    "checks rate==1 failed: rate = 56.25%",
    "finesse_login_success rate==1 failed: rate = 50.00%",
    "harness_errors count==0 failed: count = 2",
  ]);
  const latency = thresholds.find((c) => c.name === "xmpp_time_to_ready: p(95)<2000");
  assert.equal(latency?.failure, undefined);
  assert.equal(latency?.output, "p(95) = 50.9 ms");
  const checks = checkCases(s);
  assert.equal(checks.length, 8);
  assert.equal(checks.find((c) => c.name === "XMPP session ready")?.failure?.message, "2 of 4 failed (passes 2, fails 2)");
  assert.equal(checks.find((c) => c.name === "signed out (LOGOUT event)")?.failure, undefined);
  assert.match(reportJunit(s), /<testsuites name="finesse-load" tests="19" failures="10" errors="0" time="4\.522">/);
});
