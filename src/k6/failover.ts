// The POST that injects a simulator fault (failover scenario). Failover itself is every agent's: targetOf
// (run.ts) gives each agent the other node of its pair.
import { faultUrl, type FaultKind } from "./fault.ts";
import { k6Http } from "./ports.ts";

/** POSTs the simulator's fault endpoint of the node at restUrl; the error text, or undefined when it worked. */
export async function triggerFault(restUrl: string, fault: FaultKind, outOfServiceS: number): Promise<string | undefined> {
  const url = faultUrl(restUrl, fault, outOfServiceS);
  if (url === undefined) return undefined;
  const res = await k6Http.request({ method: "POST", url, headers: {}, body: undefined, timeoutMs: 10_000 });
  if (res.status === 200) return undefined;
  return `POST ${url}: ${res.status === 0 ? res.error ?? "no response" : `HTTP ${res.status} ${res.body.trim().slice(0, 200)}`}` +
    (res.status === 404 ? " (start the simulator with --admin, or use fault \"external\" against a real Finesse)" : "");
}
