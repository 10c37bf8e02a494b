// The one configuration schema (zod/mini: it ends up in every k6 bundle). Strict objects: an
// unknown key is an error, so a typo never silently becomes a default. Defaults live here.
import * as z from "zod/mini";
import { parseUrl } from "./url.ts";

const positiveInt = () => z.number().check(z.int(), z.minimum(1));
const nonNegativeInt = () => z.number().check(z.int(), z.minimum(0));
const millis = (fallback: number) => z._default(nonNegativeInt(), fallback);

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

export const targetSchema = z.strictObject({
  name: z._default(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/)), "primary"),
  restUrl: nodeSchema.shape.restUrl,
  wsUrl: nodeSchema.shape.wsUrl,
  /** "12.0", "12.5", "12.6", "15.0", …: decides the WebSocket port when wsUrl is not given */
  finesseVersion: z._default(z.string().check(z.regex(/^\d+\.\d+(\(\d+\))?$/)), "12.6"),
  /** XMPP domain and pubsub service; discovered from GET /finesse/api/SystemInfo when absent */
  xmppDomain: z.optional(z.string().check(z.minLength(1))),
  pubsubDomain: z.optional(z.string().check(z.minLength(1))),
  /** The other node of the pair, tried on failover */
  secondary: z.optional(nodeSchema),
  /** TLS certificate verification; turn off only for labs with self-signed certificates */
  tlsVerify: z._default(z.boolean(), true),
});

const generatedAgentsSchema = z.strictObject({
  count: positiveInt(),
  firstId: z._default(nonNegativeInt(), 1001000),
  /** `{id}` is replaced by the agent id */
  passwordTemplate: z.string().check(z.includes("{id}")),
  firstExtension: z._default(nonNegativeInt(), 2000),
  teamSize: z._default(positiveInt(), 20),
  firstTeamId: z._default(nonNegativeInt(), 1),
  supervisorsPerTeam: z._default(nonNegativeInt(), 1),
});

export const agentsSchema = z.strictObject({
  /** CSV with header id,password,extension,teamId,role[,node]; path relative to the config file */
  csv: z.optional(z.string().check(z.minLength(1))),
  generated: z.optional(generatedAgentsSchema),
  /** Added to the agent index, so two load generators can use disjoint agents */
  offset: z._default(nonNegativeInt(), 0),
  /** XMPP resource; `desktop` is reserved for the real desktop and would kick it */
  resource: z._default(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/)), "vagent"),
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
  stateChangesPerMinute: z._default(z.number().check(z.minimum(0)), 2),
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
      jitter: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.5),
      /** Finesse forces a logout after 60 s without presence; give up before that by default */
      giveUpAfterMs: millis(55_000),
    }),
    { initialDelayMs: 1_000, maxDelayMs: 15_000, jitter: 0.5, giveUpAfterMs: 55_000 },
  ),
  /** Sessions driven by one k6 VU (k6/websockets allows many sockets per VU) */
  agentsPerVu: z._default(positiveInt(), 1),
});

const thresholdsSchema = z.record(z.string().check(z.minLength(2)), z.array(z.string().check(z.minLength(1))));

export const scenarioOverridesSchema = z.strictObject({
  /** Replaces the scenario's default thresholds for these metrics */
  thresholds: z.optional(thresholdsSchema),
  /** Scenario-specific load shape keys (validated by the scenario) */
  load: z.optional(z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]))),
});

export const configSchema = z
  .strictObject({
    targets: z.array(targetSchema).check(z.minLength(1)),
    agents: agentsSchema,
    behaviour: z._default(behaviourSchema, () => behaviourSchema.parse({})),
    scenarios: z._default(z.record(z.string(), scenarioOverridesSchema), {}),
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
