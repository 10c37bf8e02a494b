// The VU's cookie jar, shared between k6/http (which owns it) and k6/websockets (whose `jar`
// param defaults to it, k6 docs javascript-api/k6-websockets/params).
import type { VuHost } from "../../vu-host.ts";

export interface CookieSource {
  cookiesForURL(url: string): Record<string, string[]>;
}

const jars = new WeakMap<VuHost, CookieSource>();

export function provideVuJar(host: VuHost, source: CookieSource): void {
  jars.set(host, source);
}

/** The VU's jar when the script imported k6/http; undefined otherwise (no cookies to send). */
export function vuJar(host: VuHost): CookieSource | undefined {
  return jars.get(host);
}
