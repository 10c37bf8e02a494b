// Fault kinds of the failover scenario and the simulator's fault endpoint (src/simulator README, "Fault
// controls"); no k6 imports, tested on Node.
import { restBase } from "../config/index.ts";

export const FAULTS = ["drop-sockets", "out-of-service", "external"] as const;
export type FaultKind = (typeof FAULTS)[number];

export function parseFault(value: string, key = "scenarios.failover.load.fault"): FaultKind {
  const f = FAULTS.find((x) => x === value);
  if (!f) throw new Error(`${key}: expected one of ${FAULTS.join(", ")}, got ${JSON.stringify(value)}`);
  return f;
}

/** The admin URL that injects the fault on the node at restUrl; undefined for an external fault. */
export function faultUrl(restUrl: string, fault: FaultKind, outOfServiceS: number): string | undefined {
  if (fault === "external") return undefined;
  const base = `${restBase(restUrl)}/admin/${fault}`;
  return fault === "out-of-service" ? `${base}?seconds=${Math.round(outOfServiceS)}` : base;
}
