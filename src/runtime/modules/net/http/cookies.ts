// A per-VU cookie jar (k6 docs, javascript-api/k6-http/cookiejar): cookies from Set-Cookie are
// sent back to matching host and path; expired cookies are dropped.
interface Cookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** ms since the epoch; Infinity for session cookies */
  expires: number;
}

export interface CookieView {
  name: string;
  value: string;
  domain: string;
  path: string;
  http_only: boolean;
  secure: boolean;
  max_age: number;
  expires: number;
}

function defaultPath(url: URL): string {
  const p = url.pathname;
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

function domainMatches(host: string, c: Cookie): boolean {
  return c.hostOnly ? host === c.domain : host === c.domain || host.endsWith(`.${c.domain}`);
}

function pathMatches(path: string, cookiePath: string): boolean {
  return path === cookiePath || (path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path[cookiePath.length] === "/"));
}

interface Parsed {
  cookie: Cookie;
  /** the Max-Age attribute in seconds, 0 when absent */
  maxAge: number;
}

function parseSetCookie(url: URL, header: string): Parsed | undefined {
  const [pair = "", ...attrs] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return undefined;
  const c: Cookie = {
    name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), domain: url.hostname, hostOnly: true,
    path: defaultPath(url), secure: false, httpOnly: false, expires: Infinity,
  };
  let maxAge = 0;
  for (const attr of attrs) {
    const [k = "", v = ""] = attr.split("=", 2).map((s) => s.trim());
    const key = k.toLowerCase();
    if (key === "domain" && v !== "") {
      c.domain = v.replace(/^\./, "").toLowerCase();
      c.hostOnly = false;
    } else if (key === "path" && v.startsWith("/")) c.path = v;
    else if (key === "secure") c.secure = true;
    else if (key === "httponly") c.httpOnly = true;
    else if (key === "max-age" && /^-?\d+$/.test(v)) {
      maxAge = Number(v);
      c.expires = Date.now() + maxAge * 1000;
    } else if (key === "expires" && c.expires === Infinity) {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) c.expires = t;
    }
  }
  return { cookie: c, maxAge };
}

/** The cookies a response sets, grouped by name (k6 Response.cookies). */
export function responseCookies(url: URL, headers: readonly string[]): Record<string, CookieView[]> {
  const out: Record<string, CookieView[]> = {};
  for (const header of headers) {
    const parsed = parseSetCookie(url, header);
    if (parsed === undefined) continue;
    const c = parsed.cookie;
    (out[c.name] ??= []).push({
      name: c.name, value: c.value, domain: c.hostOnly ? "" : c.domain, path: c.path, http_only: c.httpOnly, secure: c.secure,
      max_age: parsed.maxAge, expires: c.expires === Infinity ? 0 : c.expires,
    });
  }
  return out;
}

export class CookieStore {
  readonly #cookies = new Map<string, Cookie>();

  #put(c: Cookie): void {
    const key = `${c.domain}|${c.path}|${c.name}`;
    if (c.expires <= Date.now()) this.#cookies.delete(key);
    else this.#cookies.set(key, c);
  }

  /** Stores the cookies of one response's Set-Cookie headers (RFC 6265 §5.2, simplified). */
  setFromResponse(url: URL, headers: readonly string[]): void {
    for (const header of headers) {
      const parsed = parseSetCookie(url, header);
      if (parsed === undefined) continue;
      const c = parsed.cookie;
      if (!c.hostOnly && !domainMatches(url.hostname, { ...c, hostOnly: false })) continue;
      this.#put(c);
    }
  }

  set(url: URL, name: string, value: string, opts: { domain?: string; path?: string; secure?: boolean; http_only?: boolean; max_age?: number; expires?: string } = {}): void {
    const expires = opts.max_age !== undefined ? Date.now() + opts.max_age * 1000 : opts.expires !== undefined ? Date.parse(opts.expires) : Infinity;
    this.#put({
      name, value, domain: opts.domain?.replace(/^\./, "") ?? url.hostname, hostOnly: opts.domain === undefined,
      path: opts.path ?? "/", secure: opts.secure === true, httpOnly: opts.http_only === true, expires: Number.isNaN(expires) ? Infinity : expires,
    });
  }

  /** Cookies to send to `url`, longest path first. */
  matching(url: URL): CookieView[] {
    const now = Date.now();
    const out: Cookie[] = [];
    for (const [key, c] of this.#cookies) {
      if (c.expires <= now) {
        this.#cookies.delete(key);
        continue;
      }
      if (!domainMatches(url.hostname, c) || !pathMatches(url.pathname, c.path)) continue;
      if (c.secure && url.protocol !== "https:") continue;
      out.push(c);
    }
    out.sort((a, b) => b.path.length - a.path.length);
    return out.map((c) => ({
      name: c.name, value: c.value, domain: c.domain, path: c.path, http_only: c.httpOnly, secure: c.secure,
      max_age: 0, expires: c.expires === Infinity ? 0 : c.expires,
    }));
  }

  clear(url: URL): void {
    for (const [key, c] of this.#cookies) if (domainMatches(url.hostname, c)) this.#cookies.delete(key);
  }

  delete(url: URL, name: string): void {
    for (const [key, c] of this.#cookies) if (c.name === name && domainMatches(url.hostname, c)) this.#cookies.delete(key);
  }
}
