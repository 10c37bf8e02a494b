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

  test("k6 error codes for network failures and HTTP statuses", () => {
    const e = (code: string, message = code): Error & { code: string } => Object.assign(new Error(message), { code });
    assert.equal(classify(e("ENOTFOUND"), "GET", "http://x.test/", "x.test", 80).errorCode, 1101);
    assert.match(classify(e("ENOTFOUND"), "GET", "http://x.test/", "x.test", 80).error, /^Get "http:\/\/x\.test\/": dial tcp: lookup x\.test: no such host$/);
    assert.equal(classify(e("EAI_AGAIN"), "GET", "u", "h", 80).errorCode, 1100);
    assert.equal(classify(e("ECONNREFUSED"), "GET", "u", "h", 80).errorCode, 1212);
    assert.equal(classify(e("ECONNRESET"), "GET", "u", "h", 80).errorCode, 1220);
    assert.equal(classify(e("EPIPE"), "GET", "u", "h", 80).errorCode, 1201);
    assert.equal(classify(e("ETIMEDOUT"), "GET", "u", "h", 80).errorCode, 1211);
    assert.equal(classify(e("DEPTH_ZERO_SELF_SIGNED_CERT"), "GET", "u", "h", 443).errorCode, 1310);
    assert.equal(classify(e("ERR_TLS_CERT_ALTNAME_INVALID"), "GET", "u", "h", 443).errorCode, 1311);
    assert.equal(classify(e("ERR_SSL_WRONG_VERSION_NUMBER"), "GET", "u", "h", 443).errorCode, 1300);
    assert.equal(classify(new Error("odd"), "GET", "u", "h", 80).errorCode, 1000);
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
