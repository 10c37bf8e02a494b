// Network modules of the embedded k6 runtime: k6/websockets (also served as the deprecated
// k6/experimental/websockets) and k6/http. Each export is a ModuleFactory (src/runtime/vu-host.ts).
import type { ModuleFactory } from "../../vu-host.ts";
import { httpExports } from "./http/module.ts";
import { websocketExports } from "./ws/module.ts";

/** k6/websockets: { WebSocket, Blob } */
export const websocketsModule: ModuleFactory = (host) => websocketExports(host);

let experimentalWarned = false;

/** k6/experimental/websockets: the same implementation, logging k6's deprecation warning once per thread. */
export const experimentalWebsocketsModule: ModuleFactory = (host) => {
  if (!experimentalWarned) {
    experimentalWarned = true;
    // k6 internal/js/jsmodules.go: the experimental path is a deprecated alias
    host.log("warn", "k6/experimental/websockets is deprecated and will be removed in a future release. Please use k6/websockets instead.");
  }
  return websocketExports(host);
};

/** k6/http: request, get, head, post, put, patch, del, options, batch, asyncRequest, expectedStatuses, setResponseCallback, file, cookieJar, CookieJar */
export const httpModule: ModuleFactory = (host) => httpExports(host);

/** A fake VuHost for module tests (records samples, counts keepAlive, exposes the AbortController). */
export { FakeHost, type FakeHostOptions } from "./test-host.ts";
