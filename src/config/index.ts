// Configuration: one strict schema (zod/mini), loading with overrides, agents, derived values.
export { configSchema, targetSchema, agentsSchema, behaviourSchema, scenarioOverridesSchema, xmppSettings, SASL_NAMES } from "./schema.ts";
export type { SaslName } from "./schema.ts";
export type { Config, ConfigInput, Target, AgentsConfig, Behaviour } from "./schema.ts";
export { loadConfig } from "./load.ts";
export type { RawConfig, Result } from "./load.ts";
export { ConfigError, formatProblems } from "./errors.ts";
export type { ConfigProblem } from "./errors.ts";
export { maskSecrets, MASK } from "./secrets.ts";
export { parseAgentsCsv, agentAt, populationSize } from "./agents.ts";
export type { Agent, Role, Population } from "./agents.ts";
export { deriveWebSocketUrl, restBase, hostOf } from "./derive.ts";
export { parseUrl, formatUrl } from "./url.ts";
export type { ParsedUrl } from "./url.ts";
