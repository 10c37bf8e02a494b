// k6/http request arguments → a prepared request (k6 docs, javascript-api/k6-http/params).
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import type { RuntimeOptions, Tags } from "../../../vu-host.ts";
import { isPlainObject } from "../realm.ts";
import { userTags } from "../tags.ts";
import { encodeBody } from "./body.ts";

export class HttpArgumentError extends Error {
  readonly kind: "url" | "params" | "body" | "unsupported";
  constructor(kind: "url" | "params" | "body" | "unsupported", message: string) {
    super(message);
    this.name = "HttpArgumentError";
    this.kind = kind;
  }
}

export type ResponseType = "text" | "binary" | "none";

export interface PreparedRequest {
  method: string;
  /** the URL without credentials */
  url: string;
  headers: [string, string][];
  body: Uint8Array | undefined;
  /** res.request.body as k6 shows it */
  bodyText: string;
  tags: Tags;
  timeoutMs: number;
  maxRedirects: number;
  responseType: ResponseType;
  /** undefined: the VU's callback (setResponseCallback); null: none */
  responseCallback: unknown;
  /** a cookie jar object from cookieJar(), or undefined for the VU jar */
  jar: unknown;
  cookies: { name: string; value: string; replace: boolean }[];
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** k6 timeout: a number of ms or a duration string such as "30s" or "1m30s". */
export function parseTimeout(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_TIMEOUT_MS;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === "string") {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
    let total = 0;
    let consumed = 0;
    for (const m of text.matchAll(DURATION_PART)) {
      total += Number(m[1]) * UNIT_MS[m[2]!]!;
      consumed += m[0].length;
    }
    if (consumed === text.length && consumed > 0) return total;
  }
  throw new HttpArgumentError("params", `k6/http: invalid timeout ${JSON.stringify(value)}: use milliseconds or a duration such as "30s"`);
}

function basicAuth(url: URL): string | undefined {
  if (url.username === "" && url.password === "") return undefined;
  const creds = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(creds).toString("base64")}`;
}

function compress(body: Uint8Array, algorithms: string): Uint8Array {
  let out: Uint8Array = body;
  for (const raw of algorithms.split(",")) {
    const algo = raw.trim();
    if (algo === "gzip") out = gzipSync(out);
    else if (algo === "deflate") out = deflateSync(out);
    else if (algo === "br") out = brotliCompressSync(out);
    else if (algo !== "") throw new HttpArgumentError("params", `k6/http: unsupported compression algorithm "${algo}" (gzip, deflate, br)`);
  }
  return out;
}

export function prepare(method: unknown, rawUrl: unknown, body: unknown, params: unknown, options: RuntimeOptions, userAgent: string): PreparedRequest {
  const m = String(method ?? "GET");
  const urlText = isPlainObject(rawUrl) && typeof rawUrl.url === "string" ? rawUrl.url : String(rawUrl ?? "");
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new HttpArgumentError("url", `k6/http: invalid URL "${urlText}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HttpArgumentError("url", `k6/http: unsupported protocol scheme in "${urlText}" (http or https)`);
  }
  const p: Record<string, unknown> = params === undefined || params === null ? {} : isPlainObject(params) ? params : {};
  if (params !== undefined && params !== null && !isPlainObject(params)) throw new HttpArgumentError("params", "k6/http: params must be an object");
  const auth = p.auth;
  if (auth !== undefined && auth !== null && auth !== "basic") {
    if (auth === "digest" || auth === "ntlm") {
      throw new HttpArgumentError("unsupported", `k6/http: auth "${auth}" is not supported by the embedded runtime (basic auth via user:pass@ in the URL is)`);
    }
    throw new HttpArgumentError("params", `k6/http: unknown auth type "${String(auth)}"`);
  }
  const headers: [string, string][] = [];
  const userHeaders = p.headers;
  if (userHeaders !== undefined && userHeaders !== null && !isPlainObject(userHeaders)) throw new HttpArgumentError("params", "k6/http: headers must be an object");
  const has = (name: string): boolean => headers.some(([h]) => h.toLowerCase() === name);
  for (const [name, value] of Object.entries((userHeaders as Record<string, unknown> | undefined) ?? {})) {
    if (value !== undefined && value !== null) headers.push([name, String(value)]);
  }
  if (!has("user-agent") && userAgent !== "") headers.push(["User-Agent", userAgent]);
  const authHeader = basicAuth(url);
  if (authHeader !== undefined && !has("authorization")) headers.push(["Authorization", authHeader]);
  url.username = "";
  url.password = "";

  const encoded = encodeBody(body);
  if (encoded.contentType !== undefined && !has("content-type")) headers.push(["Content-Type", encoded.contentType]);
  let bytes = encoded.bytes;
  if (bytes !== undefined && typeof p.compression === "string" && p.compression !== "") {
    bytes = compress(bytes, p.compression);
    if (!has("content-encoding")) headers.push(["Content-Encoding", p.compression]);
  }

  const responseType = p.responseType ?? (options.discardResponseBodies === true ? "none" : "text");
  if (responseType !== "text" && responseType !== "binary" && responseType !== "none") {
    throw new HttpArgumentError("params", `k6/http: invalid responseType "${String(responseType)}" (text, binary or none)`);
  }
  const redirects = p.redirects ?? options.maxRedirects ?? 10;
  if (typeof redirects !== "number" || !Number.isInteger(redirects) || redirects < 0) {
    throw new HttpArgumentError("params", "k6/http: redirects must be a non-negative integer");
  }
  let tags: Tags;
  try {
    tags = userTags(p.tags, "k6/http: invalid tags");
  } catch (err) {
    throw new HttpArgumentError("params", (err as Error).message);
  }
  return {
    method: m,
    url: url.href,
    headers,
    body: bytes,
    bodyText: encoded.text,
    tags,
    timeoutMs: parseTimeout(p.timeout),
    maxRedirects: redirects,
    responseType,
    responseCallback: "responseCallback" in p ? p.responseCallback : undefined,
    jar: p.jar ?? undefined,
    cookies: requestCookies(p.cookies),
  };
}

function requestCookies(value: unknown): PreparedRequest["cookies"] {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value)) throw new HttpArgumentError("params", "k6/http: cookies must be an object");
  return Object.entries(value).map(([name, v]) =>
    isPlainObject(v) ? { name, value: String(v.value ?? ""), replace: v.replace === true } : { name, value: String(v), replace: false },
  );
}

