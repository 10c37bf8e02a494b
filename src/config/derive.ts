// Values derived from a target's REST URL and Finesse version.
import { formatUrl, parseUrl } from "./url.ts";

/**
 * The notification WebSocket URL a Finesse desktop uses (Cisco Finesse developer FAQ, "ports"):
 * 12.0(1) and 12.5(1) serve it on 7443, 12.6(1) and later on the REST port (8445) at /ws/.
 * A plain-http REST URL (a lab or the simulator) gives ws://; https gives wss://.
 */
export function deriveWebSocketUrl(restUrl: string, finesseVersion: string | undefined): string {
  const rest = parseUrl(restUrl);
  if (!rest) throw new Error(`not a URL: ${JSON.stringify(restUrl)}`);
  const scheme = rest.scheme === "https" ? "wss" : "ws";
  const port = versionBefore(finesseVersion, 12, 6) ? 7443 : rest.port;
  return formatUrl({ scheme, host: rest.host, port, path: "/ws/" });
}

/** The REST base without a trailing slash: `https://host:8445`. */
export function restBase(restUrl: string): string {
  const u = parseUrl(restUrl);
  if (!u) throw new Error(`not a URL: ${JSON.stringify(restUrl)}`);
  return formatUrl({ ...u, path: "" });
}

export function hostOf(url: string): string {
  const u = parseUrl(url);
  if (!u) throw new Error(`not a URL: ${JSON.stringify(url)}`);
  return u.host.replace(/^\[|\]$/g, "");
}

function versionBefore(version: string | undefined, major: number, minor: number): boolean {
  if (version === undefined) return false;
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [vMajor, vMinor] = [Number(m[1]), Number(m[2])];
  return vMajor < major || (vMajor === major && vMinor < minor);
}
