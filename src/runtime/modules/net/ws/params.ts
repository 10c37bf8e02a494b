// new WebSocket(url, protocols?, params?) argument parsing (k6 docs, javascript-api/k6-websockets/
// websocket and .../params; k6 rules: url required, ws/wss only, no fragment; unknown keys throw).
import type { Tags } from "../../../vu-host.ts";
import { isPlainObject } from "../realm.ts";
import { userTags } from "../tags.ts";
import type { CookieSource } from "../vu-jar.ts";

export class WebSocketArgumentError extends Error {
  readonly kind: "url" | "protocols" | "params";
  constructor(kind: "url" | "protocols" | "params", message: string) {
    super(message);
    this.name = "WebSocketArgumentError";
    this.kind = kind;
  }
}

export function parseUrl(value: unknown): URL {
  if (value === undefined || value === null || value === "") throw new WebSocketArgumentError("url", "WebSocket requires a url");
  const text = String(value);
  let url: URL;
  try {
    url = new URL(text);
  } catch (err) {
    throw new WebSocketArgumentError("url", `WebSocket requires valid url, but got "${text}" which resulted in ${(err as Error).message}`);
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    throw new WebSocketArgumentError("url", `WebSocket requires url with scheme ws or wss, but got "${url.protocol.slice(0, -1)}"`);
  }
  if (url.hash !== "") throw new WebSocketArgumentError("url", `WebSocket requires no url fragment, but got "${url.hash.slice(1)}"`);
  return url;
}

export function parseProtocols(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((p) => typeof p === "string")) return value as string[];
  throw new WebSocketArgumentError("protocols", "WebSocket: protocols must be a string or an array of strings");
}

export interface WsParams {
  headers: Record<string, string>;
  tags: Tags;
  compression: boolean;
  jar: CookieSource | undefined;
}

export function parseParams(value: unknown): WsParams {
  const out: WsParams = { headers: {}, tags: {}, compression: false, jar: undefined };
  if (value === undefined || value === null) return out;
  if (!isPlainObject(value)) throw new WebSocketArgumentError("params", "WebSocket: params must be an object");
  for (const [key, v] of Object.entries(value)) {
    switch (key) {
      case "headers":
        if (v === undefined || v === null) break;
        if (!isPlainObject(v)) throw new WebSocketArgumentError("params", "WebSocket: headers must be an object");
        for (const [name, hv] of Object.entries(v)) out.headers[name] = String(hv);
        break;
      case "tags":
        try {
          out.tags = userTags(v, "invalid WebSocket tags option");
        } catch (err) {
          throw new WebSocketArgumentError("params", (err as Error).message);
        }
        break;
      case "compression": {
        // k6 websockets params.go: only "deflate" (RFC 7692); any other value, even empty, throws
        const algo = String(v).trim();
        if (algo !== "deflate") throw new WebSocketArgumentError("params", `unsupported compression algorithm '${algo}', supported algorithm is 'deflate'`);
        out.compression = true;
        break;
      }
      case "jar":
        // k6 uses the value only when it is a k6/http CookieJar; anything else keeps the VU's jar
        if (typeof (v as Partial<CookieSource> | null | undefined)?.cookiesForURL === "function") out.jar = v as CookieSource;
        break;
      default:
        throw new WebSocketArgumentError("params", `unknown WebSocket's option ${key}`);
    }
  }
  return out;
}
