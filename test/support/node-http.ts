// The virtual agent's HttpPort (src/agent/ports.ts) on Node's fetch, for tests that drive agents without k6.
import type { HttpPort } from "../../src/agent/index.ts";

export const nodeHttp: HttpPort = {
  async request(req) {
    const t0 = performance.now();
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      const body = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      return { status: res.status, headers, body, durationMs: performance.now() - t0 };
    } catch (e) {
      return { status: 0, headers: {}, body: "", durationMs: performance.now() - t0, error: e instanceof Error ? e.message : String(e) };
    }
  },
};
