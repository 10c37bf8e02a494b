// Simulator processes for the benchmarks: `count` nodes of `usersEach` agents, node k listening on
// 127.0.0.(k+2) (an own loopback address each, so every node has its own ephemeral port range towards
// it), with disjoint agent ids, and one agents CSV naming each agent's node.
import { writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startNode, stop, waitForOutput, type Started } from "./procs.ts";

export interface SimNode {
  name: string;
  proc: Started;
  url: string;
  wsUrl: string;
  restUrl: string;
  domain: string;
}

export interface SimFleet {
  nodes: SimNode[];
  /** id,password,extension,teamId,role,node (agents only) */
  csvPath: string;
  users: { id: string; password: string; node: string; wsUrl: string; restUrl: string; domain: string }[];
  stop(): Promise<void>;
}

export interface FleetOptions {
  root: string;
  dir: string;
  count: number;
  usersEach: number;
  ctiDelayMs?: number;
  /** extra simulator flags */
  extra?: string[];
}

export async function startFleet(o: FleetOptions): Promise<SimFleet> {
  const nodes: SimNode[] = [];
  const csvRows: string[] = ["id,password,extension,teamId,role,node"];
  const users: SimFleet["users"] = [];
  const procs: Started[] = [];
  try {
    for (let k = 0; k < o.count; k++) {
      const name = `sim${k}`;
      const csv = join(o.dir, `${name}.csv`);
      const proc = startNode([
        "--import", "tsx", "src/simulator/cli.ts", "--host", `127.0.0.${k + 2}`, "--port", "0", "--agents", String(o.usersEach),
        "--supervisors", "0", "--first-id", String(1_000_000 + k * 100_000), "--seed", "bench", "--admin",
        "--cti-delay-ms", String(o.ctiDelayMs ?? 20), "--write-csv", csv, ...(o.extra ?? []),
      ], { cwd: o.root });
      procs.push(proc);
    }
    for (const [k, proc] of procs.entries()) {
      const name = `sim${k}`;
      await waitForOutput(proc, (s) => s.includes("  try "), 60_000, `simulator ${name}`);
      const out = proc.stdout();
      const url = /REST\s+(\S+)/.exec(out)?.[1]?.replace(/\/finesse\/api$/, "");
      const wsUrl = /WebSocket\s+(\S+)/.exec(out)?.[1];
      const domain = /simulator for (\S+) /.exec(out)?.[1];
      if (!url || !wsUrl || !domain) throw new Error(`simulator ${name} printed no URLs:\n${out}`);
      nodes.push({ name, proc, url, wsUrl, restUrl: `${url}/finesse/api`, domain });
      const lines = readFileSync(join(o.dir, `${name}.csv`), "utf8").trim().split("\n").slice(1);
      for (const line of lines) {
        const [id, password, , , role] = line.split(",");
        if (role !== "agent" || !id || !password) continue;
        csvRows.push(`${line},${name}`);
        users.push({ id, password, node: name, wsUrl, restUrl: `${url}/finesse/api`, domain });
      }
    }
  } catch (e) {
    await Promise.all(procs.map((p) => stop(p)));
    throw e;
  }
  const csvPath = join(o.dir, "agents.csv");
  writeFileSync(csvPath, `${csvRows.join("\n")}\n`);
  return { nodes, csvPath, users, stop: () => Promise.all(nodes.map((n) => stop(n.proc))).then(() => undefined) };
}

/** GET /admin/stats of every node: bound sessions, signed-in users, open sockets and delivered events, summed. */
export async function fleetStats(fleet: SimFleet): Promise<{ sessions: number; signedIn: number; sockets: number; delivered: number }> {
  let sessions = 0;
  let signedIn = 0;
  let sockets = 0;
  let delivered = 0;
  await Promise.all(fleet.nodes.map(async (n) => {
    const res = await fetch(`${n.url}/admin/stats`);
    const s = (await res.json()) as { sessions: number; signedIn: number; sockets: number; delivered: number };
    sessions += s.sessions;
    signedIn += s.signedIn;
    sockets += s.sockets;
    delivered += s.delivered;
  }));
  return { sessions, signedIn, sockets, delivered };
}
