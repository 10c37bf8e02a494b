// Simulator options with defaults and validation; every bad value is named in the error.
import type { DeploymentType } from "./agent-state.ts";
import type { Population } from "./population.ts";
import type { TlsMaterial } from "./tls.ts";
import type { ConflictPolicy } from "./xmpp-session.ts";
import { NS_PUSH } from "../xmpp/index.ts";

export interface SimulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** 0 = an ephemeral port (default 0). */
  port?: number;
  /** true = self-signed certificate made at start; or your own key and certificate. */
  tls?: boolean | TlsMaterial;
  /** XMPP domain (default "finesse.sim"); the pubsub service is pubsub.<domain>. */
  domain?: string;
  /** Generated population: seed, counts, team size. Ignored when `population` is given. */
  seed?: string;
  agents?: number;
  supervisors?: number;
  teamSize?: number;
  firstId?: number;
  /** A ready population (e.g. from populationFromCsv). */
  population?: Population;
  /** Delay between a 202 and its event (default 50 ms). */
  ctiDelayMs?: number;
  /** Enables the /admin fault-control endpoint (default false). */
  admin?: boolean;
  conflictPolicy?: ConflictPolicy;
  /** Namespace of the `notification` payload element (default urn:xmpp:push:0). */
  notificationNs?: string;
  /** Largest accepted WebSocket message (default 1 MiB, as Openfire's xmpp.parser.buffer.size). */
  maxFrameBytes?: number;
  /** WebSocket ping control frame to sockets idle this long, checked as often (Openfire PingTask: 60 s); 0 = off. */
  wsIdlePingMs?: number;
  lockoutFailures?: number;
  lockoutMs?: number;
  /** Presence loss → forced logout after this long (default 60 s). */
  presenceGraceMs?: number;
  deploymentType?: DeploymentType;
  /** Host name reported as SystemInfo primaryNode/secondaryNode. */
  primaryHost?: string;
  secondaryHost?: string;
  /** Random source for ids and event drops (default Math.random). */
  random?: () => number;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, "population" | "secondaryHost" | "tls" | "primaryHost">> & {
  population: Population | undefined;
  secondaryHost: string | undefined;
  primaryHost: string | undefined;
  tls: false | true | TlsMaterial;
};

export class SimulatorOptionError extends Error {
  override name = "SimulatorOptionError";
  readonly kind = "bad-option";
  readonly option: string;
  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.option = option;
  }
}

function int(name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new SimulatorOptionError(name, `must be an integer from ${min} to ${max}, got ${v}`);
  return v;
}

export function resolveOptions(o: SimulatorOptions): ResolvedOptions {
  const domain = o.domain ?? "finesse.sim";
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(domain)) throw new SimulatorOptionError("domain", `must be a host name, got ${JSON.stringify(domain)}`);
  const conflictPolicy = o.conflictPolicy ?? "kick-old";
  if (conflictPolicy !== "kick-old" && conflictPolicy !== "reject-new") throw new SimulatorOptionError("conflictPolicy", `must be kick-old or reject-new, got ${JSON.stringify(conflictPolicy)}`);
  const deploymentType = o.deploymentType ?? "UCCE";
  if (deploymentType !== "UCCE" && deploymentType !== "UCCX") throw new SimulatorOptionError("deploymentType", `must be UCCE or UCCX, got ${JSON.stringify(deploymentType)}`);
  const notificationNs = o.notificationNs ?? NS_PUSH;
  if (notificationNs === "") throw new SimulatorOptionError("notificationNs", "must not be empty");
  return {
    host: o.host ?? "127.0.0.1",
    port: int("port", o.port ?? 0, 0, 65535),
    tls: o.tls ?? false,
    domain,
    seed: o.seed ?? "finesse-sim",
    agents: int("agents", o.agents ?? 10, 0),
    supervisors: int("supervisors", o.supervisors ?? 1, 0),
    teamSize: int("teamSize", o.teamSize ?? 20, 1),
    firstId: int("firstId", o.firstId ?? 1001000, 0),
    population: o.population,
    ctiDelayMs: int("ctiDelayMs", o.ctiDelayMs ?? 50, 0, 600_000),
    admin: o.admin ?? false,
    conflictPolicy,
    notificationNs,
    maxFrameBytes: int("maxFrameBytes", o.maxFrameBytes ?? 1024 * 1024, 256),
    wsIdlePingMs: int("wsIdlePingMs", o.wsIdlePingMs ?? 60_000, 0, 86_400_000),
    lockoutFailures: int("lockoutFailures", o.lockoutFailures ?? 5, 1),
    lockoutMs: int("lockoutMs", o.lockoutMs ?? 5 * 60_000, 0),
    presenceGraceMs: int("presenceGraceMs", o.presenceGraceMs ?? 60_000, 0),
    deploymentType,
    primaryHost: o.primaryHost,
    secondaryHost: o.secondaryHost,
    random: o.random ?? Math.random,
  };
}
