// http_req_* samples for one exchange (k6 docs, using-k6/metrics/reference#http) with k6's system
// tags: proto, status, method, url, name, tls_version, error, error_code, expected_response.
import type { Tags, VuHost } from "../../../vu-host.ts";
import { systemTagOn } from "../tags.ts";
import type { Hop } from "./pipeline.ts";

/** Decides whether a status is expected; null disables http_req_failed (k6 setResponseCallback(null)). */
export type StatusCheck = ((status: number) => boolean) | null;

export function hopTags(host: VuHost, base: Tags, hop: Hop, expected: boolean | undefined): Tags {
  const sys = host.options.systemTags;
  const { result, spec, request } = hop;
  const tags: Tags = { ...base, ...request.tags };
  const set = (name: string, value: string): void => {
    if (systemTagOn(sys, name)) tags[name] = value;
  };
  if (result.proto !== "") set("proto", result.proto);
  set("status", String(result.status));
  set("method", spec.method);
  set("url", spec.url);
  // k6: the name tag defaults to the URL
  set("name", request.tags.name ?? spec.url);
  if (result.tlsVersion !== "") set("tls_version", result.tlsVersion);
  if (result.remoteIp !== "") set("ip", result.remoteIp);
  if (result.error !== "") set("error", result.error);
  if (result.errorCode !== 0) set("error_code", String(result.errorCode));
  if (expected !== undefined) set("expected_response", String(expected));
  return tags;
}

export function emitHop(host: VuHost, base: Tags, hop: Hop, check: StatusCheck): void {
  const expected = check === null ? undefined : check(hop.result.status);
  const tags = hopTags(host, base, hop, expected);
  const t = hop.result.timings;
  const time = hop.result.startTime + t.blocked + t.connecting + t.tls_handshaking + t.duration;
  const emit = (metric: string, value: number): void => host.emit({ metric, value, tags, time });
  emit("http_reqs", 1);
  emit("http_req_duration", t.duration);
  emit("http_req_blocked", t.blocked);
  emit("http_req_connecting", t.connecting);
  emit("http_req_tls_handshaking", t.tls_handshaking);
  emit("http_req_sending", t.sending);
  emit("http_req_waiting", t.waiting);
  emit("http_req_receiving", t.receiving);
  if (expected !== undefined) emit("http_req_failed", expected ? 0 : 1);
  host.countBytes(hop.result.bytesSent, hop.result.bytesReceived);
}
