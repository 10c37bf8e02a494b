// URL parsing without the WHATWG `URL` global, which k6's JS engine does not provide.
// Accepts scheme://host[:port][/path]; IPv6 hosts in brackets.
export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-f:.]+\]|[^/:?#\s\[\]]+)(?::(\d{1,5}))?(\/[^\s#]*)?$/i;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

export function parseUrl(text: string): ParsedUrl | undefined {
  const m = URL_RE.exec(text.trim());
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const port = m[3] === undefined ? DEFAULT_PORTS[scheme] : Number(m[3]);
  if (port === undefined || port < 1 || port > 65535) return undefined;
  return { scheme, host: m[2]!.toLowerCase(), port, path: m[4] ?? "/" };
}

export function formatUrl(u: ParsedUrl): string {
  const standard = DEFAULT_PORTS[u.scheme] === u.port;
  return `${u.scheme}://${u.host}${standard ? "" : `:${u.port}`}${u.path}`;
}
