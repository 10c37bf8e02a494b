// Finesse REST through the HttpPort: every call timed into finesse_rest_duration{op,status}.
import {
  getSystemInfoRequest, getUserRequest, parseAccepted, parseSystemInfoResponse, parseUserResponse, putStateRequest,
  type Credentials, type RestRequest, type RestResponse, type StateChange, type SystemInfo, type UserInfo,
} from "../finesse/index.ts";
import type { Base64 } from "../xmpp/index.ts";
import { AgentError } from "./errors.ts";
import type { HttpPort, Recorder, Tags } from "./ports.ts";

export type RestOp = "system_info" | "get_user" | "login" | "ready" | "not_ready" | "logout";

const OP_OF_STATE: Record<StateChange["state"], RestOp> = { LOGIN: "login", READY: "ready", NOT_READY: "not_ready", LOGOUT: "logout" };

export interface RestClientOptions {
  http: HttpPort;
  base64: Base64;
  record: Recorder;
  /** Origin without trailing slash, e.g. https://finesse-a.example.com:8445 */
  baseUrl: string;
  credentials: Credentials;
  timeoutMs: number;
  /** target, step */
  tags: Tags;
}

export class RestClient {
  readonly #o: RestClientOptions;

  constructor(o: RestClientOptions) {
    this.#o = o;
  }

  /** Sends one request; throws AgentError("http") when no response arrived. */
  async send(op: RestOp, req: RestRequest): Promise<RestResponse> {
    const o = this.#o;
    const res = await o.http.request({ method: req.method, url: o.baseUrl + req.path, headers: req.headers, body: req.body, timeoutMs: o.timeoutMs });
    o.record("finesse_rest_duration", res.durationMs, { ...o.tags, op, status: String(res.status) });
    if (res.status === 0) throw new AgentError("http", "no_response", `${req.method} ${req.path}: ${res.error ?? "no response"}`);
    const headers = res.headers;
    return { status: res.status, body: res.body, header: (name) => headers[name.toLowerCase()] };
  }

  async systemInfo(): Promise<SystemInfo> {
    return parseSystemInfoResponse(await this.send("system_info", getSystemInfoRequest(this.#o.credentials, this.#o.base64)));
  }

  async getUser(): Promise<UserInfo> {
    return parseUserResponse(await this.send("get_user", getUserRequest(this.#o.credentials, this.#o.base64)));
  }

  /** PUT User/{id}; resolves when accepted (202), throws FinesseApiError otherwise. */
  async putState(change: StateChange, requestId: string): Promise<void> {
    parseAccepted(await this.send(OP_OF_STATE[change.state], putStateRequest(this.#o.credentials, this.#o.base64, change, requestId)));
  }
}
