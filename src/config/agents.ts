// The agent population: from a CSV (id,password,extension,teamId,role[,node]) or generated from
// a range. Agent i of a run is `agentAt(population, offset + i)`.
import { ConfigError, type ConfigProblem } from "./errors.ts";
import type { AgentsConfig } from "./schema.ts";

export type Role = "agent" | "supervisor";

export interface Agent {
  id: string;
  password: string;
  extension: string;
  teamId: string;
  role: Role;
  /** target name this agent signs in to; absent = the first target */
  node?: string;
}

const REQUIRED = ["id", "password", "extension", "teamId", "role"] as const;
const ID_RE = /^[A-Za-z0-9_.@-]{1,128}$/;

/** Parses an agents CSV. Every bad line is reported (line number and column, never the password). */
export function parseAgentsCsv(text: string, source: string): Agent[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const problems: ConfigProblem[] = [];
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length > 0) {
    throw new ConfigError(source, [{ path: "line 1", message: `header must name ${REQUIRED.join(",")}[,node]; missing ${missing.join(", ")}` }]);
  }
  const col = (name: string) => header.indexOf(name);
  const agents: Agent[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.startsWith("#")) continue;
    const cells = line.split(",").map((c) => c.trim());
    const at = `line ${i + 1}`;
    if (cells.length !== header.length) {
      problems.push({ path: at, message: `expected ${header.length} columns, found ${cells.length}` });
      continue;
    }
    const get = (name: string) => cells[col(name)] ?? "";
    const agent: Agent = {
      id: get("id"),
      password: get("password"),
      extension: get("extension"),
      teamId: get("teamId"),
      role: get("role") as Role,
    };
    if (col("node") >= 0 && get("node") !== "") agent.node = get("node");
    if (!ID_RE.test(agent.id)) problems.push({ path: `${at} id`, message: "must be 1-128 letters, digits or _.@-" });
    if (agent.password === "") problems.push({ path: `${at} password`, message: "is empty" });
    if (!/^\d{1,32}$/.test(agent.extension)) problems.push({ path: `${at} extension`, message: "must be digits" });
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(agent.teamId)) problems.push({ path: `${at} teamId`, message: "must be letters, digits, _ or -" });
    if (agent.role !== "agent" && agent.role !== "supervisor") problems.push({ path: `${at} role`, message: 'must be "agent" or "supervisor"' });
    const before = seen.get(agent.id.toLowerCase());
    if (before !== undefined) problems.push({ path: `${at} id`, message: `duplicates line ${before}` });
    seen.set(agent.id.toLowerCase(), i + 1);
    agents.push(agent);
  }
  if (agents.length === 0 && problems.length === 0) problems.push({ path: "", message: "no agents" });
  if (problems.length > 0) throw new ConfigError(source, problems);
  return agents;
}

export type Population = { kind: "list"; agents: readonly Agent[] } | { kind: "generated"; spec: NonNullable<AgentsConfig["generated"]> };

export function populationSize(p: Population): number {
  return p.kind === "list" ? p.agents.length : p.spec.count;
}

/**
 * The agent at `index`. A generated population is laid out in teams of `teamSize`; the first
 * `supervisorsPerTeam` members of each team are its supervisors.
 */
export function agentAt(p: Population, index: number): Agent {
  const size = populationSize(p);
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`agent index ${index} is outside the population of ${size} agents (raise the population or lower agents.offset)`);
  }
  if (p.kind === "list") return p.agents[index]!;
  const g = p.spec;
  const team = Math.floor(index / g.teamSize);
  const id = String(g.firstId + index);
  return {
    id,
    password: g.passwordTemplate.split("{id}").join(id),
    extension: String(g.firstExtension + index),
    teamId: String(g.firstTeamId + team),
    role: index % g.teamSize < g.supervisorsPerTeam ? "supervisor" : "agent",
  };
}
