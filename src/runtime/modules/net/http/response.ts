// The Response object handed to the script (k6 docs, javascript-api/k6-http/response).
import { realmArrayBuffer, realmError, type Realm } from "../realm.ts";
import { responseCookies } from "./cookies.ts";
import type { Outcome } from "./pipeline.ts";

/** Go's canonical MIME header key: "content-type" → "Content-Type". */
export function canonicalHeader(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

const decoder = new TextDecoder();

/** Follows a selector such as "a.b[0].c" or "a.b.0.c" through parsed JSON. */
export function select(value: unknown, selector: string): unknown {
  let cur = value;
  for (const part of selector.replace(/\[(\d+)\]/g, ".$1").split(".").filter((p) => p !== "")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function buildResponse(realm: Realm, outcome: Outcome): Record<string, unknown> {
  const { request, final } = outcome;
  const { result, spec } = final;
  const headers: Record<string, string> = {};
  for (const [name, value] of result.headers) {
    const key = canonicalHeader(name);
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  const reqHeaders: Record<string, string[]> = {};
  for (const [name, value] of spec.headers) (reqHeaders[canonicalHeader(name)] ??= []).push(value);
  const setCookies = result.headers.filter(([h]) => h.toLowerCase() === "set-cookie").map(([, v]) => v);
  const cookies = responseCookies(new URL(spec.url), setCookies);
  const plain = {
    status: result.status,
    status_text: result.statusText,
    proto: result.proto,
    url: spec.url,
    headers,
    cookies,
    timings: result.timings,
    tls_version: result.tlsVersion,
    error: result.error,
    error_code: result.errorCode,
    remote_ip: result.remoteIp,
    remote_port: result.remotePort,
    request: { method: spec.method, url: spec.url, headers: reqHeaders, body: request.bodyText, cookies: {} },
  };
  const res = realm.JSON.parse(JSON.stringify(plain)) as Record<string, unknown>;
  const bytes = result.body;
  let body: unknown = null;
  if (bytes !== undefined && request.responseType === "text") body = decoder.decode(bytes);
  else if (bytes !== undefined && request.responseType === "binary") body = realmArrayBuffer(realm, bytes);
  res.body = body;
  res.json = (selector?: unknown): unknown => {
    if (typeof body !== "string") throw realmError(realm, "Error", "cannot parse the response body as JSON: the body is not text (responseType text is needed)");
    let parsed: unknown;
    try {
      parsed = realm.JSON.parse(body);
    } catch (err) {
      throw realmError(realm, "Error", `cannot parse the response body as JSON: ${(err as Error).message}`);
    }
    return selector === undefined || selector === null ? parsed : select(parsed, String(selector));
  };
  res.html = (): never => {
    throw realmError(realm, "Error", "Response.html() is not supported by the embedded runtime");
  };
  return res;
}
