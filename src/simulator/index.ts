// Public names of the Finesse simulator (Node only).

export { startSimulator } from "./server.ts";
export type { Simulator } from "./server.ts";
export { resolveOptions, SimulatorOptionError } from "./options.ts";
export type { SimulatorOptions, ResolvedOptions } from "./options.ts";
export {
  generatePopulation, populationFromCsv, populationToCsv, passwordTemplate, generatedPassword, PopulationError,
} from "./population.ts";
export type { Population, SimUser, SimTeam, GenerateOptions } from "./population.ts";
export type { SimulatorAdmin, SimulatorStats, Faults } from "./admin.ts";
export { AdminError } from "./admin.ts";
export type { ConflictPolicy } from "./xmpp-session.ts";
export type { DeploymentType } from "./agent-state.ts";
export { FORCED_LOGOUT_REASON } from "./agent-state.ts";
export { selfSignedCertificate, TlsSetupError } from "./tls.ts";
export type { TlsMaterial } from "./tls.ts";
