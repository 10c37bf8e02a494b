import type { VuHost } from "../../vu-host.ts";

/** k6 docs, using-k6/k6-options/reference#user-agent: default "Grafana k6/<version>" */
export const DEFAULT_USER_AGENT = "Grafana k6/2.2.0";

/** The User-Agent for HTTP requests and WebSocket upgrades ("" sends none). */
export function userAgent(host: VuHost): string {
  return typeof host.options.userAgent === "string" ? host.options.userAgent : DEFAULT_USER_AGENT;
}
