import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { httpModule } from "../index.ts";
import { FakeHost, type FakeHostOptions } from "../test-host.ts";
import { startHttpServer, type HttpTestServer } from "./http-server.test-helper.ts";

type Res = Record<string, unknown> & {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  timings: Record<string, number>;
  error: string;
  error_code: number;
  json(sel?: string): unknown;
  html(): unknown;
  request: { method: string; url: string; headers: Record<string, string[]>; body: string };
};
type Http = Record<string, (...args: unknown[]) => never>;

function setup(opts: FakeHostOptions = {}): { host: FakeHost; http: Http } {
  const host = new FakeHost(opts);
  return { host, http: httpModule(host) as Http };
}

let srv: HttpTestServer;
before(async () => {
  srv = await startHttpServer(true);
});
after(() => srv.close());

describe("k6/http synchronous requests", () => {
  test("refuses the init context", () => {
    const { http } = setup({ phase: "init" });
    assert.throws(() => http.get!(srv.http("/hello")), /Making http requests in the init context is not supported/);
  });

  test("get: response fields, canonical headers, real timings", () => {
    const { host, http } = setup();
    const res: Res = http.get!(srv.http("/hello"));
    assert.equal(res.status, 200);
    assert.equal(res.status_text, "200 OK");
    assert.equal(res.body, "hello");
    assert.equal(res.proto, "HTTP/1.1");
    assert.equal(res.headers["Content-Type"], "text/plain");
    assert.equal(res.headers["X-Multi"], "a, b");
    assert.equal(res.url, srv.http("/hello"));
    assert.equal(res.request.method, "GET");
    assert.ok(res instanceof host.realm.Object);
    const t = res.timings;
    for (const k of ["blocked", "connecting", "tls_handshaking", "sending", "waiting", "receiving", "duration"]) assert.ok(t[k]! >= 0, k);
    assert.ok(Math.abs(t.duration! - (t.sending! + t.waiting! + t.receiving!)) < 1e-6);
    assert.ok(t.connecting! > 0, "a fresh connection has a connect phase");
    assert.equal(res.error, "");
    assert.equal(res.error_code, 0);
    assert.equal(res.remote_ip, "127.0.0.1");
    assert.equal(res.remote_port, srv.httpPort);
  });

  test("metrics carry k6's system tags plus VU and request tags", () => {
    const { host, http } = setup({ tags: { scenario: "s" } });
    http.get!(srv.http("/hello"), { tags: { page: "home" } });
    const names = host.samples.map((s) => s.metric).sort();
    assert.deepEqual(names, ["http_req_blocked", "http_req_connecting", "http_req_duration", "http_req_failed", "http_req_receiving", "http_req_sending", "http_req_tls_handshaking", "http_req_waiting", "http_reqs"]);
    assert.deepEqual(host.metric("http_reqs")[0]!.tags, {
      scenario: "s", page: "home", proto: "HTTP/1.1", status: "200", method: "GET",
      url: srv.http("/hello"), name: srv.http("/hello"), expected_response: "true",
    });
    assert.equal(host.metric("http_req_failed")[0]!.value, 0);
    assert.ok(host.bytesSent > 0 && host.bytesReceived > 0);
  });

  test("systemTags limits the tags; ip is opt-in", () => {
    const { host, http } = setup({ options: { systemTags: ["status", "ip"] }, tags: { scenario: "s" } });
    http.get!(srv.http("/hello"), { tags: { page: "p" } });
    assert.deepEqual(host.metric("http_reqs")[0]!.tags, { scenario: "s", page: "p", status: "200", ip: "127.0.0.1" });
  });

  test("4xx: expected_response false, http_req_failed 1, error_code 1000+status; name tag", () => {
    const { host, http } = setup();
    const res: Res = http.get!(srv.http("/status/404"), { tags: { name: "missing" } });
    assert.equal(res.status, 404);
    assert.equal(res.error_code, 1404);
    const s = host.metric("http_req_failed")[0]!;
    assert.equal(s.value, 1);
    assert.equal(s.tags.expected_response, "false");
    assert.equal(s.tags.name, "missing");
    assert.equal(s.tags.error_code, "1404");
  });

  test("expectedStatuses, per-request responseCallback, setResponseCallback(null)", () => {
    const { host, http } = setup();
    http.get!(srv.http("/status/404"), { responseCallback: http.expectedStatuses!(404, { min: 200, max: 204 }) });
    assert.equal(host.metric("http_req_failed")[0]!.value, 0);
    assert.throws(() => http.expectedStatuses!("x"), /argument number 1/);
    assert.throws(() => http.get!(srv.http("/hello"), { responseCallback: () => true }), /responseCallback must be/);
    http.setResponseCallback!(null);
    http.get!(srv.http("/hello"));
    assert.equal(host.metric("http_req_failed").length, 1);
    assert.equal(host.metric("http_reqs")[1]!.tags.expected_response, undefined);
  });

  test("bodies: form-encoded objects, strings, binary; request body echoed", () => {
    const { http } = setup();
    const form: Res = http.post!(srv.http("/echo"), { a: "1 2", b: 3 });
    const echoed = form.json() as { method: string; headers: Record<string, string>; body: string };
    assert.equal(echoed.method, "POST");
    assert.equal(echoed.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(echoed.body, "a=1%202&b=3");
    assert.equal(form.request.body, "a=1%202&b=3");
    const text: Res = http.put!(srv.http("/echo"), "raw", { headers: { "Content-Type": "text/plain", "X-N": 7 } });
    const e2 = text.json() as { method: string; headers: Record<string, string>; body: string };
    assert.deepEqual([e2.method, e2.body, e2.headers["x-n"], e2.headers["user-agent"]], ["PUT", "raw", "7", "Grafana k6/2.2.0"]);
    const bin: Res = http.patch!(srv.http("/echo"), new Uint8Array([104, 105]).buffer);
    assert.equal((bin.json() as { body: string }).body, "hi");
    const del: Res = http.del!(srv.http("/echo"));
    assert.equal((del.json() as { method: string }).method, "DELETE");
  });

  test("multipart with http.file", () => {
    const { http } = setup();
    const f = http.file!("file-content", "a.txt", "text/plain");
    const res: Res = http.post!(srv.http("/echo"), { field: "v", upload: f });
    const e = res.json() as { headers: Record<string, string>; body: string };
    assert.match(e.headers["content-type"]!, /^multipart\/form-data; boundary=/);
    assert.match(e.body, /name="upload"; filename="a.txt"\r\nContent-Type: text\/plain\r\n\r\nfile-content/);
    assert.match(e.body, /name="field"\r\n\r\nv\r\n/);
  });

  test("json selectors and html()", () => {
    const { host, http } = setup();
    const res: Res = http.get!(srv.http("/json"));
    assert.equal(res.json("a.b[1]"), 20);
    assert.equal(res.json("a.b.0"), 10);
    assert.equal(res.json("nope.x"), undefined);
    assert.ok(res.json() instanceof host.realm.Object);
    assert.throws(() => res.html(), /not supported by the embedded runtime/);
    const bad: Res = http.get!(srv.http("/hello"));
    assert.throws(() => bad.json(), /cannot parse the response body as JSON/);
  });

  test("responseType binary and none; gzip bodies decoded", () => {
    const { host, http } = setup();
    const bin: Res = http.get!(srv.http("/binary"), { responseType: "binary" });
    assert.ok(bin.body instanceof host.realm.ArrayBuffer);
    assert.deepEqual([...new Uint8Array(bin.body as ArrayBuffer)], [0, 1, 2, 255]);
    assert.equal((http.get!(srv.http("/hello"), { responseType: "none" }) as Res).body, null);
    assert.equal((http.get!(srv.http("/gzip")) as Res).body, "compressed text");
    assert.throws(() => http.get!(srv.http("/hello"), { responseType: "xml" }), /invalid responseType/);
  });

  test("redirects are followed with a sample per hop; redirects: 0 stops", () => {
    const { host, http } = setup();
    const res: Res = http.get!(srv.http("/redirect/2"));
    assert.equal(res.status, 200);
    assert.equal(res.url, srv.http("/redirect/0"));
    assert.equal(host.metric("http_reqs").length, 3);
    const stop: Res = http.get!(srv.http("/redirect/2"), { redirects: 0 });
    assert.equal(stop.status, 302);
    const capped: Res = http.get!(srv.http("/redirect/3"), { redirects: 1 });
    assert.equal(capped.status, 302);
    assert.match(host.logs.at(-1)!.message, /Stopped after 1 redirects/);
  });

  test("cookie jar: stored, sent back by path, reset at the next iteration", () => {
    const { host, http } = setup();
    const set: Res = http.get!(srv.http("/setcookie"));
    const cookies = JSON.parse(JSON.stringify(set.cookies)) as Record<string, { value: string; path: string }[]>;
    assert.deepEqual(Object.keys(cookies).sort(), ["other", "sid"]);
    assert.equal(cookies.other![0]!.path, "/elsewhere");
    const sent = (http.get!(srv.http("/echo")) as Res).json() as { headers: Record<string, string> };
    assert.equal(sent.headers.cookie, "sid=abc");
    const jar = http.cookieJar!() as unknown as { cookiesForURL(u: string): Record<string, string[]> };
    assert.equal(JSON.stringify(jar.cookiesForURL(srv.http("/"))), JSON.stringify({ sid: ["abc"] }));
    const extra = (http.get!(srv.http("/echo"), { cookies: { k: "v" } }) as Res).json() as { headers: Record<string, string> };
    assert.equal(extra.headers.cookie, "sid=abc; k=v");
    host.nextIteration();
    const fresh = (http.get!(srv.http("/echo")) as Res).json() as { headers: Record<string, string> };
    assert.equal(fresh.headers.cookie, undefined);
  });

  test("network errors: refused gives 1212 and status 0; throw option throws", () => {
    const { host, http } = setup();
    const res: Res = http.get!("http://127.0.0.1:1/");
    assert.equal(res.status, 0);
    assert.equal(res.error_code, 1212);
    assert.equal(res.error, "dial: connection refused");
    assert.equal(host.metric("http_reqs")[0]!.tags.error, "dial: connection refused");
    assert.equal(host.metric("http_reqs")[0]!.tags.error_code, "1212");
    assert.equal(host.metric("http_req_failed")[0]!.value, 1);
    const strict = setup({ options: { throw: true } });
    assert.throws(() => strict.http.get!("http://127.0.0.1:1/"), /connection refused/);
  });

  test("timeout as a duration string gives error_code 1050", () => {
    const { http } = setup();
    const res: Res = http.get!(srv.http("/slow?ms=3000"), { timeout: "300ms" });
    assert.equal(res.error_code, 1050);
    assert.equal(res.status, 0);
    assert.throws(() => http.get!(srv.http("/hello"), { timeout: "soon" }), /invalid timeout/);
  });

  test("keep-alive: the second request reuses the connection", () => {
    const { http } = setup();
    const a: Res = http.get!(srv.http("/echo"));
    const b: Res = http.get!(srv.http("/echo"));
    assert.equal((a.json() as { port: number }).port, (b.json() as { port: number }).port);
    assert.equal(b.timings.connecting, 0);
  });

  test("basic auth from the URL; digest and ntlm are refused clearly", () => {
    const { http } = setup();
    const u = srv.http("/echo").replace("http://", "http://user:p%40ss@");
    const res: Res = http.get!(u, { auth: "basic" });
    const e = res.json() as { headers: Record<string, string> };
    assert.equal(e.headers.authorization, `Basic ${Buffer.from("user:p@ss").toString("base64")}`);
    assert.equal(res.url, srv.http("/echo"));
    assert.throws(() => http.get!(u, { auth: "digest" }), /not supported by the embedded runtime/);
    assert.throws(() => http.get!(u, { auth: "ntlm" }), /not supported by the embedded runtime/);
  });

  test("hosts option maps a name to the loopback address", () => {
    const { http } = setup({ options: { hosts: { "finesse.test": "127.0.0.1" } } });
    const res: Res = http.get!(`http://finesse.test:${srv.httpPort}/echo`);
    assert.equal(res.status, 200);
    assert.equal((res.json() as { headers: Record<string, string> }).headers.host, `finesse.test:${srv.httpPort}`);
  });

  test("https: unknown authority is 1310; insecureSkipTLSVerify connects with tls_version", () => {
    const strict = setup();
    const bad: Res = strict.http.get!(srv.https("/hello"));
    assert.equal(bad.error_code, 1310);
    const { host, http } = setup({ options: { insecureSkipTLSVerify: true } });
    const ok: Res = http.get!(srv.https("/hello"));
    assert.equal(ok.body, "hello");
    assert.ok(ok.timings.tls_handshaking! > 0);
    assert.match(host.metric("http_reqs")[0]!.tags.tls_version!, /^tls1\.[23]$/);
  });

  test("batch runs in parallel within batchPerHost and keeps the input shape", () => {
    const { http } = setup();
    http.get!(srv.http("/stats"));
    const list = http.batch!([srv.http("/slow?ms=300"), ["GET", srv.http("/slow?ms=300")], { method: "GET", url: srv.http("/slow?ms=300") }]) as Res[];
    assert.ok(Array.isArray(list));
    assert.deepEqual([...list].map((r) => r.status), [200, 200, 200]);
    assert.equal((http.get!(srv.http("/stats")) as Res).json("maxInFlight"), 3);
    const serial = setup({ options: { batchPerHost: 1 } });
    const named = serial.http.batch!({ a: srv.http("/slow?ms=150"), b: srv.http("/slow?ms=150") }) as Record<string, Res>;
    assert.deepEqual([named.a!.status, named.b!.status], [200, 200]);
    assert.equal((serial.http.get!(srv.http("/stats")) as Res).json("maxInFlight"), 1);
  });
});

describe("k6/http asyncRequest", () => {
  test("resolves a realm Promise through dispatch and holds the event loop until settled", async () => {
    const { host, http } = setup();
    const p = http.asyncRequest!("GET", srv.http("/hello")) as Promise<Res>;
    assert.ok(p instanceof host.realm.Promise);
    assert.equal(host.outstanding, 1);
    const res = await p;
    assert.equal(res.body, "hello");
    await host.idle();
    assert.equal(host.outstanding, 0);
    assert.equal(host.metric("http_reqs").length, 1);
  });

  test("several async requests run concurrently", async () => {
    const { http } = setup();
    (http.get!(srv.http("/stats")) as Res).json();
    const all = await Promise.all([1, 2, 3].map(() => http.asyncRequest!("GET", srv.http("/slow?ms=300")) as Promise<Res>));
    assert.deepEqual(all.map((r) => r.body), ["slow", "slow", "slow"]);
    assert.equal((http.get!(srv.http("/stats")) as Res).json("maxInFlight"), 3);
  });

  test("interruption drops the settlement and releases the event loop", async () => {
    const { host, http } = setup();
    let settled = false;
    void (http.asyncRequest!("GET", srv.http("/slow?ms=200")) as Promise<Res>).then(() => (settled = true));
    host.controller.abort();
    await host.idle();
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(settled, false);
  });
});
