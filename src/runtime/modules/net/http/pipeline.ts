// Drives prepared requests through rounds of exchanges: cookies from the jar on each hop,
// Set-Cookie stored back, redirects followed up to `redirects` (k6 docs, javascript-api/k6-http/
// params: redirects; default option maxRedirects 10). Written as a generator so the same logic
// serves the blocking calls (one helper-thread round trip per round) and asyncRequest.
import type { CookieStore } from "./cookies.ts";
import type { PreparedRequest } from "./params.ts";
import type { ExchangeResult, ExchangeSpec } from "./wire.ts";

export interface Hop {
  request: PreparedRequest;
  spec: ExchangeSpec;
  result: ExchangeResult;
}

export interface Outcome {
  request: PreparedRequest;
  /** the last exchange's request and result */
  final: Hop;
}

export interface PipelineContext {
  jarFor(req: PreparedRequest): CookieStore | undefined;
  insecureSkipTLSVerify: boolean;
  hosts: Record<string, string> | undefined;
  onHop(hop: Hop): void;
  warn(message: string): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface State {
  req: PreparedRequest;
  url: string;
  method: string;
  body: Uint8Array | undefined;
  headers: [string, string][];
  redirects: number;
}

function specFor(s: State, ctx: PipelineContext): ExchangeSpec {
  const headers = s.headers.filter(([h]) => h.toLowerCase() !== "cookie");
  const url = new URL(s.url);
  const jar = ctx.jarFor(s.req);
  const pairs = new Map<string, string>();
  for (const c of jar?.matching(url) ?? []) if (!pairs.has(c.name)) pairs.set(c.name, c.value);
  for (const c of s.req.cookies) if (c.replace || !pairs.has(c.name)) pairs.set(c.name, c.value);
  const userCookie = s.headers.find(([h]) => h.toLowerCase() === "cookie")?.[1];
  const cookie = [...[...pairs].map(([n, v]) => `${n}=${v}`), ...(userCookie !== undefined ? [userCookie] : [])].join("; ");
  if (cookie !== "") headers.push(["Cookie", cookie]);
  return {
    method: s.method,
    url: s.url,
    headers,
    body: s.body,
    timeoutMs: s.req.timeoutMs,
    insecureSkipTLSVerify: ctx.insecureSkipTLSVerify,
    hosts: ctx.hosts,
    keepBody: s.req.responseType !== "none",
  };
}

export function* pipeline(reqs: readonly PreparedRequest[], ctx: PipelineContext): Generator<ExchangeSpec[], Outcome[], ExchangeResult[]> {
  const states: State[] = reqs.map((req) => ({ req, url: req.url, method: req.method, body: req.body, headers: req.headers, redirects: 0 }));
  const outcomes = new Array<Outcome>(reqs.length);
  let pending = states.map((_, i) => i);
  while (pending.length > 0) {
    const specs = pending.map((i) => specFor(states[i]!, ctx));
    const results = yield specs;
    const next: number[] = [];
    pending.forEach((i, k) => {
      const s = states[i]!;
      const hop: Hop = { request: s.req, spec: specs[k]!, result: results[k]! };
      ctx.onHop(hop);
      const { result } = hop;
      const setCookies = result.headers.filter(([h]) => h.toLowerCase() === "set-cookie").map(([, v]) => v);
      if (setCookies.length > 0) ctx.jarFor(s.req)?.setFromResponse(new URL(s.url), setCookies);
      const location = result.headers.find(([h]) => h.toLowerCase() === "location")?.[1];
      if (result.error === "" && REDIRECTS.has(result.status) && location !== undefined) {
        if (s.redirects < s.req.maxRedirects) {
          s.redirects++;
          s.url = new URL(location, s.url).href;
          // RFC 9110 §15.4: 303 (and, as browsers and Go do, 301/302 for POST) switch to GET without a body
          if (result.status === 303 || ((result.status === 301 || result.status === 302) && s.method === "POST")) {
            if (s.method !== "HEAD") s.method = "GET";
            s.body = undefined;
            s.headers = s.headers.filter(([h]) => !/^(content-type|content-length|content-encoding)$/i.test(h));
          }
          next.push(i);
          return;
        }
        if (s.req.maxRedirects > 0) {
          ctx.warn(`Stopped after ${s.req.maxRedirects} redirects and returned the redirection; pass { redirects: n } in request params or set global maxRedirects to silence this`);
        }
      }
      outcomes[i] = { request: s.req, final: hop };
    });
    pending = next;
  }
  return outcomes;
}
