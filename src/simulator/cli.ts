// `npm run sim -- …`: starts one simulated Finesse node and prints how to use it.
import { readFileSync, writeFileSync } from "node:fs";
import { CliError, parseCliArgs, usage } from "./cli-args.ts";
import { populationFromCsv, populationToCsv } from "./population.ts";
import { startSimulator } from "./server.ts";

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  if (args.usersCsv !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.usersCsv, "utf8");
    } catch (e) {
      throw new CliError(`--users-csv: cannot read ${args.usersCsv}: ${e instanceof Error ? e.message : String(e)}`);
    }
    args.options.population = populationFromCsv(text, args.usersCsv);
  }
  const sim = await startSimulator(args.options);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130); // a second signal while stopping: leave at once
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    sim.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  if (args.writeCsv !== undefined) writeFileSync(args.writeCsv, populationToCsv(sim.population));
  const agent = sim.population.users.find((u) => u.role === "agent");
  const supervisor = sim.population.users.find((u) => u.role === "supervisor");
  const out = [
    `Finesse simulator for ${sim.domain} (pubsub ${sim.pubsubDomain})`,
    `  REST       ${sim.restUrl}`,
    `  WebSocket  ${sim.wsUrl}  (subprotocol xmpp)`,
    `  users      ${sim.population.users.length} in ${sim.population.teams.size} teams${args.writeCsv ? `, written to ${args.writeCsv}` : ""}`,
  ];
  if (args.options.admin) out.push(`  admin      ${sim.url}/admin/stats  (POST drop-sockets, out-of-service?seconds=, finesse-presence?available=, latency?restMs=&eventMs=, refuse-connections?refuse=, drop-events?fraction=, blast?events=&perSecond=&label=)`);
  if (agent) out.push(`  agent      id ${agent.id}  password ${agent.password}  extension ${agent.extension}  team ${agent.teamId}`);
  if (supervisor) out.push(`  supervisor id ${supervisor.id}  password ${supervisor.password}  extension ${supervisor.extension}  team ${supervisor.teamId}`);
  if (agent) out.push(`  try        curl${sim.tls ? " -k" : ""} -u ${agent.id}:${agent.password} ${sim.restUrl}/User/${agent.id}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`finesse simulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
