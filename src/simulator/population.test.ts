import { test } from "node:test";
import assert from "node:assert/strict";
import { agentAt, parseAgentsCsv } from "../config/index.ts";
import { generatePopulation, generatedPassword, passwordTemplate, populationFromCsv, populationToCsv, PopulationError } from "./population.ts";

test("generation is deterministic and passwords are computable from seed and id", () => {
  const a = generatePopulation({ seed: "s1", agents: 5, supervisors: 2, teamSize: 2 });
  const b = generatePopulation({ seed: "s1", agents: 5, supervisors: 2, teamSize: 2 });
  assert.deepEqual(a.users, b.users);
  assert.notEqual(generatePopulation({ seed: "s2", agents: 5, supervisors: 2, teamSize: 2 }).users[0]!.password, a.users[0]!.password);
  assert.equal(a.users[3]!.password, generatedPassword("s1", a.users[3]!.id));
  assert.deepEqual([...a.teams.keys()], ["1", "2", "3"]);
  assert.deepEqual(a.teams.get("1")?.supervisors, [a.users[5]!.id]);
  assert.deepEqual(a.teams.get("2")?.supervisors, [a.users[6]!.id]);
  assert.deepEqual(a.teams.get("3")?.supervisors, []);
});

test("the password template matches src/config's generated population for the same ids", () => {
  const p = generatePopulation({ seed: "x", agents: 3, supervisors: 0, teamSize: 3, firstId: 1001000, firstExtension: 2000 });
  const spec = { count: 3, firstId: 1001000, passwordTemplate: passwordTemplate("x"), firstExtension: 2000, teamSize: 3, firstTeamId: 1, supervisorsPerTeam: 0 };
  for (let i = 0; i < 3; i++) {
    const c = agentAt({ kind: "generated", spec }, i);
    const s = p.users[i]!;
    assert.deepEqual([c.id, c.password, c.extension, c.teamId, c.role], [s.id, s.password, s.extension, s.teamId, s.role]);
  }
});

test("CSV written from a population reads back identically, also through src/config", () => {
  const p = generatePopulation({ seed: "csv", agents: 4, supervisors: 1, teamSize: 2 });
  const csv = populationToCsv(p);
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  assert.deepEqual([...populationFromCsv(csv, "gen.csv").users].sort(byId), [...p.users].sort(byId));
  assert.equal(parseAgentsCsv(csv, "gen.csv").length, 5);
});

test("the CSV lists team by team, supervisors first, so consecutive rows hold whole teams", () => {
  const p = generatePopulation({ seed: "order", agents: 4, supervisors: 2, teamSize: 2 });
  const rows = parseAgentsCsv(populationToCsv(p), "gen.csv").map((a) => `${a.teamId}:${a.role}`);
  assert.deepEqual(rows, ["1:supervisor", "1:agent", "1:agent", "2:supervisor", "2:agent", "2:agent"]);
});

test("bad options and bad CSV are refused with the reason", () => {
  assert.throws(() => generatePopulation({ seed: "", agents: -1, supervisors: 0, teamSize: 1 }), /agents must be an integer/);
  assert.throws(() => generatePopulation({ seed: "", agents: 0, supervisors: 0, teamSize: 1 }), /empty/);
  assert.throws(() => generatePopulation({ seed: "", agents: 1, supervisors: 0, teamSize: 0 }), /team size/);
  assert.throws(() => populationFromCsv("id,password\n1,x\n", "u.csv"), (e: unknown) => e instanceof PopulationError && e.kind === "bad-csv" && /extension/.test(e.message));
});
