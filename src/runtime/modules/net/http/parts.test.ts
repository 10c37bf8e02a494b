import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CookieStore } from "./cookies.ts";
import { classify, statusErrorCode } from "./error-codes.ts";
import { parseTimeout } from "./params.ts";
import { canonicalHeader, select } from "./response.ts";
import { mapHost } from "../hosts.ts";
import { closeErrorText, isCleanClose } from "../ws/close-text.ts";

describe("k6/http building blocks", () => {
  test("timeouts: numbers are ms, duration strings are parsed, junk is refused", () => {
    assert.equal(parseTimeout(undefined), 60_000);
    assert.equal(parseTimeout(1500), 1500);
    assert.equal(parseTimeout("1m30s"), 90_000);
    assert.equal(parseTimeout("250ms"), 250);
    assert.equal(parseTimeout("2"), 2);
    assert.throws(() => parseTimeout("10 sec"), /invalid timeout/);
    assert.throws(() => parseTimeout(-1), /invalid timeout/);
  });

  test("Go-canonical header names", () => {
    assert.equal(canonicalHeader("content-type"), "Content-Type");
    assert.equal(canonicalHeader("X-REQUEST-ID"), "X-Request-Id");
    assert.equal(canonicalHeader("etag"), "Etag");
  });

  test("json selectors", () => {
    const doc = { a: { b: [{ c: 1 }, { c: 2 }] } };
    assert.equal(select(doc, "a.b[1].c"), 2);
    assert.equal(select(doc, "a.b.0.c"), 1);
    assert.equal(select(doc, "a.x.y"), undefined);
  });

  test("k6 error codes and messages for network failures and HTTP statuses", () => {
    const e = (code: string, message = code): Error & { code: string } => Object.assign(new Error(message), { code });
    const c = (code: string): [number, string] => {
      const r = classify(e(code), "x.test");
      return [r.errorCode, r.error];
    };
    assert.deepEqual(c("ENOTFOUND"), [1101, "lookup: no such host"]);
    assert.equal(c("EAI_AGAIN")[0], 1100);
    assert.deepEqual(c("ECONNREFUSED"), [1212, "dial: connection refused"]);
    assert.deepEqual(c("ECONNRESET"), [1220, "read: connection reset by peer"]);
    assert.deepEqual(c("EPIPE"), [1201, "write: broken pipe"]);
    assert.deepEqual(c("ETIMEDOUT"), [1211, "dial: i/o timeout"]);
    assert.deepEqual(c("DEPTH_ZERO_SELF_SIGNED_CERT"), [1310, "x509: unknown authority"]);
    assert.deepEqual(c("ERR_TLS_CERT_ALTNAME_INVALID"), [1311, "x509: certificate doesn't match hostname"]);
    assert.equal(c("ERR_SSL_WRONG_VERSION_NUMBER")[0], 1301);
    assert.deepEqual([classify(new Error("odd"), "h").errorCode, classify(new Error("odd"), "h").error], [1000, "odd"]);
    assert.equal(statusErrorCode(503), 1503);
    assert.equal(statusErrorCode(302), 0);
  });

  test("cookie store: host-only, domain, path, secure and expiry rules", () => {
    const jar = new CookieStore();
    const base = new URL("http://app.example.test/a/b");
    jar.setFromResponse(base, ["h=1", "d=2; Domain=example.test; Path=/", "p=3; Path=/other", "s=4; Secure; Path=/", "gone=5; Max-Age=0"]);
    const names = (u: string): string[] => jar.matching(new URL(u)).map((c) => c.name).sort();
    assert.deepEqual(names("http://app.example.test/a/c"), ["d", "h"]);
    assert.deepEqual(names("http://other.example.test/"), ["d"]);
    assert.deepEqual(names("https://app.example.test/other/x"), ["d", "p", "s"]);
    jar.setFromResponse(base, ["evil=1; Domain=elsewhere.test"]);
    assert.deepEqual(names("http://elsewhere.test/"), []);
    jar.delete(base, "h");
    assert.deepEqual(names("http://app.example.test/a/c"), ["d"]);
  });

  test("hosts mapping with and without a port", () => {
    assert.deepEqual(mapHost({ "a.test": "127.0.0.1" }, "a.test", 8080), { host: "127.0.0.1", port: 8080 });
    assert.deepEqual(mapHost({ "a.test": "127.0.0.1:9000" }, "a.test", 8080), { host: "127.0.0.1", port: 9000 });
    assert.deepEqual(mapHost({ "a.test": "[::1]:9000" }, "a.test", 80), { host: "::1", port: 9000 });
    assert.deepEqual(mapHost(undefined, "b.test", 80), { host: "b.test", port: 80 });
  });

  test("WebSocket close texts and clean codes", () => {
    assert.equal(closeErrorText(1006, ""), "websocket: close 1006 (abnormal closure): unexpected EOF");
    assert.equal(closeErrorText(1011, "oops"), "websocket: close 1011 (internal server error): oops");
    assert.equal(closeErrorText(4000, ""), "websocket: close 4000");
    assert.deepEqual([1000, 1001, 1005, 1006, 3000].map(isCleanClose), [true, true, false, false, false]);
  });
});
