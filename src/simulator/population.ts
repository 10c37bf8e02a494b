// The simulated users: generated from a seed, or loaded from the agents CSV (id,password,extension,teamId,role)
// that scenarios read as well (src/config parseAgentsCsv).
import { parseAgentsCsv, type Role } from "../config/index.ts";

export interface SimUser {
  /** As written (agent ID); the XMPP localpart is its lower-case form. */
  id: string;
  password: string;
  extension: string;
  /** The team the user belongs to; a supervisor supervises this team. */
  teamId: string;
  role: Role;
  firstName: string;
  lastName: string;
}

export interface SimTeam {
  id: string;
  name: string;
  /** Ids of all members (agents and supervisors), in population order. */
  members: string[];
  supervisors: string[];
}

export interface Population {
  users: readonly SimUser[];
  /** Keyed by lower-cased id. */
  byId: ReadonlyMap<string, SimUser>;
  teams: ReadonlyMap<string, SimTeam>;
}

export interface GenerateOptions {
  seed: string;
  agents: number;
  supervisors: number;
  /** Agents per team. */
  teamSize: number;
  firstId?: number;
  firstExtension?: number;
  firstTeamId?: number;
}

export class PopulationError extends Error {
  override name = "PopulationError";
  readonly kind: "bad-option" | "bad-csv";
  constructor(kind: "bad-option" | "bad-csv", message: string) {
    super(message);
    this.kind = kind;
  }
}

// FNV-1a, 32 bit: a stable tag derived from the seed.
function seedTag(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36).padStart(7, "0").slice(0, 7);
}

/** The password template of a generated population: `{id}` stands for the user id (as in src/config). */
export function passwordTemplate(seed: string): string {
  return `Pw-{id}-${seedTag(seed)}`;
}

/** The password of generated user `id` for `seed`. */
export function generatedPassword(seed: string, id: string): string {
  return passwordTemplate(seed).split("{id}").join(id);
}

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new PopulationError("bad-option", `${name} must be an integer ≥ ${min}, got ${v}`);
}

/**
 * Agents get ids firstId…, extensions firstExtension…, and fill teams of `teamSize` in order
 * (team firstTeamId + ⌊i / teamSize⌋). Supervisors follow the agents; supervisor j belongs to and
 * supervises team j mod (number of teams).
 */
export function generatePopulation(o: GenerateOptions): Population {
  checkCount("agents", o.agents, 0);
  checkCount("supervisors", o.supervisors, 0);
  checkCount("team size", o.teamSize, 1);
  if (o.agents + o.supervisors === 0) throw new PopulationError("bad-option", "the population is empty (agents and supervisors are both 0)");
  const firstId = o.firstId ?? 1001000;
  const firstExt = o.firstExtension ?? 2000;
  const firstTeam = o.firstTeamId ?? 1;
  const teams = Math.max(1, Math.ceil(o.agents / o.teamSize));
  const users: SimUser[] = [];
  for (let i = 0; i < o.agents + o.supervisors; i++) {
    const id = String(firstId + i);
    const supervisor = i >= o.agents;
    const team = supervisor ? (i - o.agents) % teams : Math.floor(i / o.teamSize);
    users.push({
      id, password: generatedPassword(o.seed, id), extension: String(firstExt + i), teamId: String(firstTeam + team),
      role: supervisor ? "supervisor" : "agent", firstName: supervisor ? "Supervisor" : "Agent", lastName: id,
    });
  }
  return index(users);
}

/** Loads the agents CSV (header id,password,extension,teamId,role[,node]). */
export function populationFromCsv(text: string, source: string): Population {
  let agents;
  try {
    agents = parseAgentsCsv(text, source);
  } catch (e) {
    throw new PopulationError("bad-csv", e instanceof Error ? e.message : String(e));
  }
  return index(agents.map((a) => ({ id: a.id, password: a.password, extension: a.extension, teamId: a.teamId, role: a.role, firstName: a.role === "supervisor" ? "Supervisor" : "Agent", lastName: a.id })));
}

/** The population as the agents CSV. */
/**
 * The agents CSV, team by team with each team's supervisors first: the same layout as src/config's
 * generated populations, so a block of consecutive rows (one VU's `agentsPerVu`) holds whole teams.
 */
export function populationToCsv(p: Population): string {
  const byTeam = new Map<string, SimUser[]>();
  for (const u of p.users) {
    const members = byTeam.get(u.teamId);
    if (members) members.push(u);
    else byTeam.set(u.teamId, [u]);
  }
  const lines = ["id,password,extension,teamId,role"];
  for (const members of byTeam.values()) {
    const ordered = [...members.filter((u) => u.role === "supervisor"), ...members.filter((u) => u.role !== "supervisor")];
    for (const u of ordered) lines.push(`${u.id},${u.password},${u.extension},${u.teamId},${u.role}`);
  }
  return `${lines.join("\n")}\n`;
}

function index(users: SimUser[]): Population {
  const byId = new Map<string, SimUser>();
  const teams = new Map<string, SimTeam>();
  for (const u of users) {
    const key = u.id.toLowerCase();
    if (byId.has(key)) throw new PopulationError("bad-csv", `user id ${u.id} appears twice (ids are case-insensitive)`);
    byId.set(key, u);
    let team = teams.get(u.teamId);
    if (!team) teams.set(u.teamId, (team = { id: u.teamId, name: `Team ${u.teamId}`, members: [], supervisors: [] }));
    team.members.push(u.id);
    if (u.role === "supervisor") team.supervisors.push(u.id);
  }
  return { users, byId, teams };
}
