// k6/http module exports for one VU (k6 docs, javascript-api/k6-http). Blocking calls run their
// exchanges on a helper thread (sync-client.ts); asyncRequest runs them on this thread's event loop.
import type { Tags, VuHost } from "../../../vu-host.ts";
import { bytesOf, isPlainObject, realmError } from "../realm.ts";
import { onInterrupt } from "../interrupt.ts";
import { provideVuJar } from "../vu-jar.ts";
import { markFile } from "./body.ts";
import { CookieStore } from "./cookies.ts";
import { Agents } from "./exchange.ts";
import { emitHop, type StatusCheck } from "./metrics.ts";
import { HttpArgumentError, prepare, type PreparedRequest } from "./params.ts";
import { pipeline, type Outcome, type PipelineContext } from "./pipeline.ts";
import { buildResponse } from "./response.ts";
import { runAll } from "./run-all.ts";
import { HttpHelperError, threadSyncClient } from "./sync-client.ts";
import type { Limits } from "./wire.ts";
import { userAgent as userAgentOf } from "../user-agent.ts";
import { cookieJarApi } from "./jar-api.ts";

type Fn = (...args: unknown[]) => unknown;

let nextPool = 1;

export function httpExports(host: VuHost): Record<string, unknown> {
  const realm = host.realm;
  const userAgent = userAgentOf(host);
  const limits: Limits = { batch: Number(host.options.batch ?? 20), batchPerHost: Number(host.options.batchPerHost ?? 6) };
  const pool = nextPool++;
  let asyncAgents: Agents | undefined;
  const checks = new WeakMap<object, (status: number) => boolean>();
  let vuCheck: StatusCheck = (s) => s >= 200 && s <= 399; // k6 default: expectedStatuses({min:200,max:399})
  const jars = cookieJarApi(realm);
  let vuJar = new CookieStore();
  let jarSignal: AbortSignal | undefined;

  // k6 recreates the VU's jar at every iteration unless noCookiesReset (k6 js/runner.go runFn)
  const currentJar = (): CookieStore => {
    if (host.options.noCookiesReset !== true && host.iterationSignal !== jarSignal) {
      if (jarSignal !== undefined) vuJar = new CookieStore();
      jarSignal = host.iterationSignal;
    }
    return vuJar;
  };
  provideVuJar(host, {
    cookiesForURL: (url) => {
      const out: Record<string, string[]> = {};
      for (const c of currentJar().matching(new URL(url))) (out[c.name] ??= []).push(c.value);
      return out;
    },
  });
  const fail = (message: string): Error => realmError(realm, "Error", message);
  const assertVu = (): void => {
    if (host.phase === "init") throw fail("Making http requests in the init context is not supported");
  };
  const prep = (method: unknown, url: unknown, body: unknown, params: unknown): PreparedRequest => {
    try {
      const req = prepare(method, url, body, params, host.options, userAgent);
      checkFor(req);
      if (req.jar !== undefined && jars.storeOf(req.jar) === undefined) throw new HttpArgumentError("params", "k6/http: jar must be a cookie jar from http.cookieJar() or new http.CookieJar()");
      return req;
    } catch (err) {
      if (err instanceof HttpArgumentError) throw fail(err.message);
      throw err;
    }
  };
  function checkFor(req: PreparedRequest): StatusCheck {
    const cb = req.responseCallback;
    if (cb === undefined) return vuCheck;
    if (cb === null) return null;
    const check = typeof cb === "object" ? checks.get(cb) : undefined;
    if (check === undefined) throw new HttpArgumentError("params", "k6/http: responseCallback must be the result of http.expectedStatuses() or null");
    return check;
  }
  const context = (base: Tags): PipelineContext => ({
    jarFor: (req) => (req.jar === undefined ? currentJar() : jars.storeOf(req.jar)),
    insecureSkipTLSVerify: host.options.insecureSkipTLSVerify === true,
    hosts: host.options.hosts,
    onHop: (hop) => emitHop(host, base, hop, checkFor(hop.request)),
    warn: (message) => host.log("warn", message),
  });
  const respond = (o: Outcome): Record<string, unknown> => {
    if (host.options.throw === true && o.final.result.error !== "") throw fail(o.final.result.error);
    return buildResponse(realm, o);
  };
  const runSync = (reqs: PreparedRequest[]): Outcome[] => {
    const gen = pipeline(reqs, context(host.currentTags()));
    let step = gen.next();
    while (!step.done) {
      let results;
      try {
        results = threadSyncClient().run(step.value, limits, pool);
      } catch (err) {
        if (err instanceof HttpHelperError) throw fail(err.message);
        throw err;
      }
      step = gen.next(results);
    }
    return step.value;
  };
  const runAsync = async (reqs: PreparedRequest[], base: Tags): Promise<Outcome[]> => {
    asyncAgents ??= new Agents();
    const gen = pipeline(reqs, context(base));
    let step = gen.next();
    while (!step.done) step = gen.next(await runAll(step.value, limits, asyncAgents));
    return step.value;
  };

  const request = (method: unknown, url: unknown, body?: unknown, params?: unknown): unknown => {
    assertVu();
    const req = prep(method, url, body, params);
    return respond(runSync([req])[0]!);
  };
  const withBody = (method: string): Fn => (url, body, params) => request(method, url, body, params);
  const noBody = (method: string): Fn => (url, params) => request(method, url, null, params);

  const batch = (requests: unknown): unknown => {
    assertVu();
    const entries: [string, unknown][] = Array.isArray(requests)
      ? requests.map((r, i) => [String(i), r])
      : isPlainObject(requests)
        ? Object.entries(requests)
        : (() => {
            throw fail("k6/http: batch() takes an array or an object of requests");
          })();
    const reqs = entries.map(([, r]) => batchItem(r));
    const outcomes = runSync(reqs);
    if (Array.isArray(requests)) return realm.Array.from(outcomes.map(respond));
    const out = realm.Object.create(realm.Object.prototype) as Record<string, unknown>;
    entries.forEach(([key], i) => (out[key] = respond(outcomes[i]!)));
    return out;
  };
  const batchItem = (r: unknown): PreparedRequest => {
    if (typeof r === "string") return prep("GET", r, null, undefined);
    if (Array.isArray(r)) return prep(r[0], r[1], r[2], r[3]);
    if (isPlainObject(r)) return prep(r.method ?? "GET", r.url, r.body, r.params);
    throw fail("k6/http: a batch request must be a URL string, an array [method, url, body, params] or an object {method, url, body, params}");
  };

  const asyncRequest = (method: unknown, url: unknown, body?: unknown, params?: unknown): Promise<unknown> =>
    new realm.Promise((resolve, reject) => {
      assertVu();
      const req = prep(method, url, body, params);
      const signal = host.iterationSignal;
      let release: (() => void) | undefined = host.keepAlive();
      let unwatch = (): void => undefined;
      const releaseOnce = (): void => {
        const r = release;
        release = undefined;
        unwatch();
        r?.();
      };
      // an interrupted iteration drops the settlement; the registration must still end
      unwatch = onInterrupt(signal, releaseOnce);
      const settle = (fn: () => void): void => {
        if (signal.aborted) return releaseOnce();
        host.dispatch(() => {
          try {
            fn();
          } finally {
            releaseOnce();
          }
        });
      };
      runAsync([req], host.currentTags()).then(
        (outcomes) => settle(() => {
          let res: unknown;
          try {
            res = respond(outcomes[0]!);
          } catch (err) {
            reject(err);
            return;
          }
          resolve(res);
        }),
        (err: unknown) => settle(() => reject(fail(`k6/http: ${String(err)}`))),
      );
    });

  const expectedStatuses = (...args: unknown[]): object => {
    const singles = new Set<number>();
    const ranges: [number, number][] = [];
    args.forEach((a, i) => {
      if (typeof a === "number" && Number.isInteger(a)) singles.add(a);
      else if (isPlainObject(a) && Number.isInteger(a.min) && Number.isInteger(a.max)) ranges.push([a.min as number, a.max as number]);
      else throw fail(`expectedStatuses: argument number ${i + 1} is neither an integer nor an object like {min:100, max:200}`);
    });
    const cb = realm.Object.create(realm.Object.prototype) as object;
    checks.set(cb, (s) => singles.has(s) || ranges.some(([lo, hi]) => s >= lo && s <= hi));
    return cb;
  };
  const setResponseCallback = (cb: unknown): void => {
    if (cb === null || cb === undefined) {
      vuCheck = null;
      return;
    }
    const check = typeof cb === "object" ? checks.get(cb) : undefined;
    if (check === undefined) throw fail("setResponseCallback: the callback must be the result of http.expectedStatuses() or null");
    vuCheck = check;
  };
  const file = (data: unknown, filename?: unknown, contentType?: unknown): object => {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : bytesOf(data);
    if (bytes === undefined) throw fail("http.file: data must be a string, an ArrayBuffer or a typed array");
    const name = filename === undefined || filename === null ? "file" : String(filename);
    const type = contentType === undefined || contentType === null ? "application/octet-stream" : String(contentType);
    const obj = realm.Object.create(realm.Object.prototype) as Record<string, unknown>;
    obj.data = data;
    obj.filename = name;
    obj.content_type = type;
    markFile(obj, { data: new Uint8Array(bytes), filename: name, contentType: type });
    return obj;
  };

  return {
    request,
    get: noBody("GET"),
    head: noBody("HEAD"),
    post: withBody("POST"),
    put: withBody("PUT"),
    patch: withBody("PATCH"),
    del: withBody("DELETE"),
    options: withBody("OPTIONS"),
    batch,
    asyncRequest,
    expectedStatuses,
    setResponseCallback,
    file,
    cookieJar: () => jars.objectFor(currentJar()),
    CookieJar: function CookieJar() {
      return jars.objectFor(new CookieStore());
    },
  };
}

