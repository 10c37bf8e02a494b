// An agents CSV for a generic XMPP server and the matching Prosody accounts: `teams` teams of `teamSize`,
// the first `supervisors` of each team supervisors (watchers), passwords `pw-<id>`.
import type { ProsodyUser } from "./prosody.ts";

export interface XmppPopulation {
  csv: string;
  users: ProsodyUser[];
  ids: string[];
}

export function xmppPopulation(teams: number, teamSize: number, supervisors: number, prefix = "agent"): XmppPopulation {
  const rows = ["id,password,extension,teamId,role"];
  const users: ProsodyUser[] = [];
  for (let t = 0; t < teams; t++) {
    for (let k = 0; k < teamSize; k++) {
      const n = t * teamSize + k;
      const id = `${prefix}${n}`;
      rows.push(`${id},pw-${id},${2000 + n},${t + 1},${k < supervisors ? "supervisor" : "agent"}`);
      users.push({ name: id, password: `pw-${id}` });
    }
  }
  return { csv: `${rows.join("\n")}\n`, users, ids: users.map((u) => u.name) };
}
