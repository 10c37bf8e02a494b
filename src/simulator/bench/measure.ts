// Loopback capacity check of one simulator process (not a test): N sessions log in over RFC 7395, ping
// every 10 s, and the simulator's RSS and CPU are sampled; then a burst of REST state changes measures
// event throughput. Bounded in count and time. Usage:
//   node --import tsx src/simulator/bench/measure.ts [--sessions 2000] [--hold-s 30]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import WebSocket from "ws";

const agent = new Agent({ keepAlive: true, maxSockets: 50 });
function put(url: string, auth: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "PUT", agent, headers: { Authorization: auth, "Content-Type": "application/xml" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};
const SESSIONS = Math.min(arg("--sessions", 2000), 5000);
const HOLD_S = Math.min(arg("--hold-s", 30), 120);
const IN_FLIGHT = 50;

const b64 = (s: string) => Buffer.from(s).toString("base64");
const FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

function procStats(pid: number): { rssMb: number; cpuS: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(stat[11]) + Number(stat[12]);
  return { rssMb: Math.round(rss), cpuS: ticks / 100 };
}

interface Client {
  ws: WebSocket;
  events: number;
  pongs: number;
}

function login(url: string, domain: string, id: string, password: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ["xmpp"], { perMessageDeflate: false });
    const c: Client = { ws, events: 0, pongs: 0 };
    let step = 0;
    const timer = setTimeout(() => reject(new Error(`login of ${id} timed out at step ${step}`)), 30_000);
    ws.on("open", () => ws.send(`<open xmlns="${FRAMING}" to="${domain}" version="1.0"/>`));
    ws.on("error", reject);
    ws.on("message", (d) => {
      const t = d.toString();
      if (step === 4) {
        if (t.startsWith("<message")) c.events++;
        else if (t.includes('id="p"')) c.pongs++;
        return;
      }
      if (step === 0 && t.startsWith("<stream:features")) {
        step = 1;
        ws.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${b64(`\0${id}\0${password}`)}</auth>`);
      } else if (step === 1 && t.startsWith("<success")) {
        step = 2;
        ws.send(`<open xmlns="${FRAMING}" to="${domain}" version="1.0"/>`);
      } else if (step === 2 && t.startsWith("<stream:features")) {
        step = 3;
        ws.send(`<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>vagent</resource></bind></iq>`);
        ws.send(`<presence xmlns="jabber:client"/>`);
      } else if (step === 3 && t.startsWith("<presence")) {
        step = 4;
        clearTimeout(timer);
        resolve(c);
      } else if (t.startsWith("<failure") || t.startsWith("<stream:error")) reject(new Error(`${id}: ${t}`));
    });
  });
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/simulator/cli.ts", "--port", "0", "--agents", String(SESSIONS), "--supervisors", "0", "--cti-delay-ms", "20", "--seed", "bench", "--admin"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = "";
      child.stdout.on("data", (d) => {
        text += d.toString();
        if (text.includes("try ")) resolve(text);
      });
      child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
      setTimeout(() => reject(new Error("simulator did not start")), 20_000);
    });
    const ws = /WebSocket\s+(\S+)/.exec(out)![1]!;
    const rest = /REST\s+(\S+)/.exec(out)![1]!;
    const domain = /for (\S+) /.exec(out)![1]!;
    const users = Array.from({ length: SESSIONS }, (_, i) => ({ id: String(1001000 + i), password: `Pw-${1001000 + i}-${/password Pw-\d+-(\S+)/.exec(out)![1]}` }));
    const pid = child.pid!;
    const idle = procStats(pid);
    console.log(`simulator pid ${pid}: idle RSS ${idle.rssMb} MB`);

    const t0 = Date.now();
    const clients: Client[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < users.length) {
        const u = users[next++]!;
        clients.push(await login(ws, domain, u.id, u.password));
      }
    }));
    const loginS = (Date.now() - t0) / 1000;
    const afterLogin = procStats(pid);
    console.log(`${clients.length} sessions logged in in ${loginS.toFixed(1)} s (${(clients.length / loginS).toFixed(0)}/s, ${IN_FLIGHT} in flight); RSS ${afterLogin.rssMb} MB, CPU ${(afterLogin.cpuS - idle.cpuS).toFixed(1)} s`);

    // Steady state: each session pings every 10 s (spread evenly).
    const pingTimers = clients.map((c, i) => setTimeout(() => {
      const send = () => c.ws.send(`<iq xmlns="jabber:client" type="get" id="p"><ping xmlns="urn:xmpp:ping"/></iq>`);
      send();
      pingTimers[i] = setInterval(send, 10_000) as unknown as NodeJS.Timeout;
    }, (i * 10_000) / clients.length));
    const h0 = procStats(pid);
    await new Promise((r) => setTimeout(r, HOLD_S * 1000));
    const h1 = procStats(pid);
    const pongs = clients.reduce((n, c) => n + c.pongs, 0);
    console.log(`hold ${HOLD_S} s with pings: ${pongs} pongs (${(pongs / HOLD_S).toFixed(0)}/s); simulator CPU ${(((h1.cpuS - h0.cpuS) / HOLD_S) * 100).toFixed(1)} % of one core; RSS ${h0.rssMb} → ${h1.rssMb} MB`);

    // Event throughput: every agent signs in (User event + Team event each).
    const e0 = Date.now();
    const c0 = procStats(pid);
    let k = 0;
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (k < users.length) {
        const u = users[k++]!;
        await put(`${rest}/User/${u.id}`, `Basic ${b64(`${u.id}:${u.password}`)}`, "<User><state>LOGIN</state><extension>1</extension></User>");
      }
    }));
    const deadline = Date.now() + 30_000;
    while (clients.reduce((n, c) => n + c.events, 0) < users.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const es = (Date.now() - e0) / 1000;
    const events = clients.reduce((n, c) => n + c.events, 0);
    const c1 = procStats(pid);
    console.log(`${users.length} REST sign-ins → ${events} User events delivered in ${es.toFixed(1)} s (${(users.length / es).toFixed(0)} requests+events/s); CPU ${(c1.cpuS - c0.cpuS).toFixed(1)} s; RSS ${c1.rssMb} MB`);

    // Broadcast: CTI failover for 1 s → SystemInfo OUT_OF_SERVICE and IN_SERVICE to every session, then
    // every signed-in user's state re-published: 3 events per session.
    const before = clients.reduce((n, c) => n + c.events, 0);
    const origin = rest.replace(/\/finesse\/api$/, "");
    const b0 = Date.now();
    const p0 = procStats(pid);
    await new Promise<void>((resolve, reject) => {
      const req = request(`${origin}/admin/out-of-service?seconds=1`, { method: "POST", agent }, (res) => (res.resume(), res.on("end", () => resolve())));
      req.on("error", reject);
      req.end();
    });
    const want = before + 3 * clients.length;
    const bDeadline = Date.now() + 30_000;
    while (clients.reduce((n, c) => n + c.events, 0) < want && Date.now() < bDeadline) await new Promise((r) => setTimeout(r, 20));
    const bs = (Date.now() - b0) / 1000 - 1;
    const got = clients.reduce((n, c) => n + c.events, 0) - before;
    const p1 = procStats(pid);
    console.log(`CTI failover broadcast: ${got} of ${3 * clients.length} events delivered, ${bs.toFixed(2)} s beyond the 1 s outage (${(got / Math.max(bs, 0.001)).toFixed(0)} events/s); CPU ${(p1.cpuS - p0.cpuS).toFixed(1)} s`);

    for (const t of pingTimers) clearInterval(t);
    for (const c of clients) c.ws.terminate();
    await new Promise((r) => setTimeout(r, 2000));
    console.log(`after disconnect: RSS ${procStats(pid).rssMb} MB`);
    // Churn: two more rounds of log in all / drop all; RSS should level off, not grow per round.
    for (let round = 1; round <= 2; round++) {
      const again: Client[] = [];
      let j = 0;
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (j < users.length) {
          const u = users[j++]!;
          again.push(await login(ws, domain, u.id, u.password));
        }
      }));
      for (const c of again) c.ws.terminate();
      await new Promise((r) => setTimeout(r, 2000));
      console.log(`churn round ${round}: ${again.length} sessions in and out; RSS ${procStats(pid).rssMb} MB`);
    }
  } finally {
    child.kill("SIGTERM");
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
