// The one configuration schema (zod/mini: it ends up in every k6 bundle). Strict objects: an
// unknown key is an error, so a typo never silently becomes a default. Defaults live here.
import * as z from "zod/mini";
import { parseUrl } from "./url.ts";

// Every check is a refinement with its own message: each built-in zod check or schema kind (int, minimum,
// regex, includes, minLength, record, union) adds its implementation to every k6 bundle, while all
// refinements (z.refine, z.custom) share one.
const wholeNumber = (min: number) =>
  z.number().check(z.refine((n) => Number.isSafeInteger(n) && n >= min, `expected a whole number >= ${min}`));
const positiveInt = () => wholeNumber(1);
const nonNegativeInt = () => wholeNumber(0);
const millis = (fallback: number) => z._default(nonNegativeInt(), fallback);
const atLeast = (min: number) => z.number().check(z.refine((n) => n >= min, `expected a number >= ${min}`));
const fraction = () => z.number().check(z.refine((n) => n >= 0 && n <= 1, "expected a number from 0 to 1"));
const nonEmpty = () => z.string().check(z.refine((s) => s.length > 0, "must not be empty"));
const including = (part: string) => z.string().check(z.refine((s) => s.includes(part), `must include ${JSON.stringify(part)}`));
const IDENTIFIER = /^[A-Za-z0-9_.-]{1,64}$/;
const identifier = (fallback: string) =>
  z._default(z.string().check(z.refine((s) => IDENTIFIER.test(s), `must be 1 to 64 letters, digits, "_", "." or "-"`)), fallback);
const nonEmptyList = <T extends z.core.SomeType>(item: T, what: string) =>
  z.array(item).check(z.refine((a) => a.length > 0, `must list at least one ${what}`));
/** An object with any keys whose values all match `value` (a record without a key schema). */
const anyKeys = <T extends z.core.SomeType>(value: T) => z.catchall(z.object({}), value);

function urlWithScheme(schemes: readonly string[]) {
  return z.string().check(
    z.refine((s) => {
      const u = parseUrl(s);
      return u !== undefined && schemes.includes(u.scheme);
    }, `expected a ${schemes.join(" or ")} URL such as ${schemes[0]}://finesse-a.example.com:8445`),
  );
}

const nodeSchema = z.strictObject({
  /** REST base, e.g. https://finesse-a.example.com:8445 (Finesse 12.5+ serves REST over HTTPS only) */
  restUrl: urlWithScheme(["https", "http"]),
  /** Notification WebSocket; derived from restUrl and finesseVersion when absent */
  wsUrl: z.optional(urlWithScheme(["wss", "ws"])),
});

/** SASL mechanisms a target may allow (RFC 4616 PLAIN, RFC 5802/7677 SCRAM); the first the server offers is used. */
export const SASL_NAMES = ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"] as const;
export type SaslName = (typeof SASL_NAMES)[number];

// one of `values` (a refinement rather than z.enum or a pattern, which would add to every bundle)
const oneOf = <const T extends readonly string[]>(values: T) =>
  z.custom<T[number]>((v) => values.includes(v as string), `expected one of ${values.map((v) => JSON.stringify(v)).join(" | ")}`);

const xmppOnly = ["readiness", "nodeTemplate", "publishers", "createNodes"] as const;

export const targetSchema = z
  .strictObject({
    name: identifier("primary"),
    /** "finesse" (REST + notifications) or "xmpp": any XMPP server, events are pubsub publishes between agents */
    kind: z._default(oneOf(["finesse", "xmpp"]), "finesse"),
    /** Finesse kind only (required there) */
    restUrl: z.optional(nodeSchema.shape.restUrl),
    /** Finesse: derived from restUrl and finesseVersion when absent; xmpp kind: required */
    wsUrl: nodeSchema.shape.wsUrl,
    /** "12.0", "12.5", "12.6", "15.0", …: decides the WebSocket port when wsUrl is not given */
    finesseVersion: z._default(z.string().check(z.refine((s) => /^\d+\.\d+(\(\d+\))?$/.test(s), "must be a version such as 12.6 or 12.5(1)")), "12.6"),
    /** XMPP domain and pubsub service; Finesse: discovered from SystemInfo when absent; xmpp kind: domain required */
    xmppDomain: z.optional(nonEmpty()),
    pubsubDomain: z.optional(nonEmpty()),
    /** SASL mechanisms in order of preference (PLAIN always works when the server offers it) */
    mechanisms: z._default(nonEmptyList(oneOf(SASL_NAMES), "mechanism"), ["PLAIN"]),
    /** The other node of the pair, tried on failover (Finesse kind) */
    secondary: z.optional(nodeSchema),
    /** TLS certificate verification; turn off only for labs with self-signed certificates */
    tlsVerify: z._default(z.boolean(), true),
    /**
     * xmpp kind: "echo" = an agent is ready on its own presence echo (RFC 6121 §4.2.2) and its own node
     * subscription; "barrier" = no agent of a VU publishes before every agent of that VU is ready and every
     * subscription (own node, watched nodes) is confirmed
     */
    readiness: z.optional(oneOf(["echo", "barrier"])),
    /** xmpp kind: each publishing agent's node; `{id}` = agent id, `{team}` = its teamId */
    nodeTemplate: z.optional(including("{id}")),
    /** xmpp kind: share 0..1 of the agents of a VU that publish to their own node (spread evenly over the block) */
    publishers: z.optional(fraction()),
    /** xmpp kind: publishers create their node (XEP-0060 §8.1, `conflict` = exists = fine); false: nodes are pre-created */
    createNodes: z.optional(z.boolean()),
  })
  .check(
    z.refine((t) => t.kind !== "finesse" || t.restUrl !== undefined, { message: "is required for a Finesse target", path: ["restUrl"] }),
    z.refine((t) => t.kind !== "xmpp" || t.wsUrl !== undefined, { message: 'is required for kind "xmpp"', path: ["wsUrl"] }),
    z.refine((t) => t.kind !== "xmpp" || t.xmppDomain !== undefined, { message: 'is required for kind "xmpp"', path: ["xmppDomain"] }),
    z.refine((t) => t.kind !== "xmpp" || (t.restUrl === undefined && t.secondary === undefined), {
      message: 'a target of kind "xmpp" has no Finesse REST: remove restUrl and secondary',
      path: ["kind"],
    }),
    z.refine((t) => t.kind !== "finesse" || xmppOnly.every((k) => t[k] === undefined), {
      message: `${xmppOnly.join(", ")} apply to kind "xmpp" only`,
      path: ["kind"],
    }),
  );

/** The xmpp kind's settings with their defaults. */
export function xmppSettings(t: Target): { readiness: "echo" | "barrier"; nodeTemplate: string; publishers: number; createNodes: boolean; pubsub: string } {
  return {
    readiness: t.readiness === "echo" ? "echo" : "barrier",
    nodeTemplate: t.nodeTemplate ?? "loadtest/agent/{id}",
    publishers: t.publishers ?? 1,
    createNodes: t.createNodes ?? true,
    pubsub: t.pubsubDomain ?? `pubsub.${t.xmppDomain ?? ""}`,
  };
}

const generatedAgentsSchema = z.strictObject({
  count: positiveInt(),
  firstId: z._default(nonNegativeInt(), 1001000),
  /** `{id}` is replaced by the agent id */
  passwordTemplate: including("{id}"),
  firstExtension: z._default(nonNegativeInt(), 2000),
  teamSize: z._default(positiveInt(), 20),
  firstTeamId: z._default(nonNegativeInt(), 1),
  supervisorsPerTeam: z._default(nonNegativeInt(), 1),
});

export const agentsSchema = z.strictObject({
  /** CSV with header id,password,extension,teamId,role[,node]; path relative to the config file */
  csv: z.optional(nonEmpty()),
  generated: z.optional(generatedAgentsSchema),
  /** Added to the agent index, so two load generators can use disjoint agents */
  offset: z._default(nonNegativeInt(), 0),
  /** XMPP resource; `desktop` is reserved for the real desktop and would kick it */
  resource: identifier("vagent"),
  allowDesktopResource: z._default(z.boolean(), false),
});

export const behaviourSchema = z.strictObject({
  ping: z._default(
    z.strictObject({
      intervalMs: millis(10_000),
      timeoutMs: millis(10_000),
      maxMisses: z._default(positiveInt(), 2),
    }),
    { intervalMs: 10_000, timeoutMs: 10_000, maxMisses: 2 },
  ),
  /** READY/NOT_READY changes per agent per minute while holding a session */
  stateChangesPerMinute: z._default(atLeast(0), 2),
  /** NOT_READY reason code ids to pick from; empty = no reason code */
  reasonCodes: z._default(z.array(nonNegativeInt()), []),
  /** How long an agent holds its session in hold-type scenarios, ms */
  holdMs: millis(60_000),
  /** A state event not received within this time counts as lost */
  eventTimeoutMs: millis(10_000),
  /** Each phase of the login (upgrade, SASL, bind, …) must finish within this time */
  phaseTimeoutMs: millis(15_000),
  reconnect: z._default(
    z.strictObject({
      initialDelayMs: millis(1_000),
      maxDelayMs: millis(15_000),
      /** 0..1: each delay is multiplied by a random factor in [1 - jitter, 1 + jitter] */
      jitter: z._default(fraction(), 0.5),
      /** Finesse forces a logout after 60 s without presence; give up before that by default */
      giveUpAfterMs: millis(55_000),
    }),
    { initialDelayMs: 1_000, maxDelayMs: 15_000, jitter: 0.5, giveUpAfterMs: 55_000 },
  ),
  /** Sessions driven by one k6 VU (k6/websockets allows many sockets per VU) */
  agentsPerVu: z._default(positiveInt(), 1),
});

const thresholdsSchema = anyKeys(z.array(nonEmpty())).check(
  z.refine((t) => Object.keys(t).every((k) => k.length >= 2), "metric names have at least 2 characters"),
);

export const scenarioOverridesSchema = z.strictObject({
  /** Replaces the scenario's default thresholds for these metrics */
  thresholds: z.optional(thresholdsSchema),
  /** Scenario-specific load shape keys (validated by the scenario) */
  load: z.optional(anyKeys(z.custom<number | string | boolean>((v) => ["number", "string", "boolean"].includes(typeof v), "expected a number, string or boolean"))),
});

export const configSchema = z
  .strictObject({
    targets: nonEmptyList(targetSchema, "target"),
    agents: agentsSchema,
    behaviour: z._default(behaviourSchema, () => behaviourSchema.parse({})),
    scenarios: z._default(anyKeys(scenarioOverridesSchema), {}),
  })
  .check(
    z.refine((c) => (c.agents.csv === undefined) !== (c.agents.generated === undefined), {
      message: "give exactly one of agents.csv and agents.generated",
      path: ["agents"],
    }),
    z.refine((c) => c.agents.allowDesktopResource || c.agents.resource !== "desktop", {
      message: 'resource "desktop" is reserved for the Finesse desktop; set allowDesktopResource to use it',
      path: ["agents", "resource"],
    }),
    z.refine((c) => c.behaviour.reconnect.maxDelayMs >= c.behaviour.reconnect.initialDelayMs, {
      message: "maxDelayMs must be at least initialDelayMs",
      path: ["behaviour", "reconnect", "maxDelayMs"],
    }),
    z.refine((c) => new Set(c.targets.map((t) => t.name)).size === c.targets.length, {
      message: "target names must be unique",
      path: ["targets"],
    }),
  );

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type Target = z.infer<typeof targetSchema>;
export type AgentsConfig = z.infer<typeof agentsSchema>;
export type Behaviour = z.infer<typeof behaviourSchema>;
