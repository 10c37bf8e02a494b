// The bare reference: a plain `ws` client doing the harness's work without the harness, in one process.
// held: GET SystemInfo, XMPP login to the `finesse` presence (RFC 7395 framing, SASL PLAIN, bind, session,
// presence), PUT LOGIN and its User event, then a ping every 10 s (RTT timed) for RAMP_MS + HOLD_MS + 20 s
// from its sign-in (as the harness's bench scenario holds), then close.
// Agents start in batches of --batch, batch b at start + b · ramp / batches (as the harness's VUs do).
// events: the same login without REST, then every User update's send stamp (<requestId>bench-<ms>) is found
// and timed until the hold ends.
// Usage: node --import tsx test/bench/bare-client.ts MODE USERS.json FROM TO BATCH BATCHES START_EPOCH_MS RAMP_MS HOLD_MS
// Prints one JSON line: counts, ping RTTs and event delays (ms). SIGUSR2 ends the hold early.
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import WebSocket from "ws";

const FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
const [mode, usersFile, fromS, toS, batchS, batchesS, startS, rampS, holdS] = process.argv.slice(2);
if (mode !== "held" && mode !== "events") throw new Error(`bare-client: mode must be held or events, got ${mode}`);
interface User { id: string; password: string; wsUrl: string; restUrl: string; domain: string }
const users = (JSON.parse(readFileSync(usersFile!, "utf8")) as User[]).slice(Number(fromS), Number(toS));
const batch = Number(batchS);
const batches = Number(batchesS);
const startAt = Number(startS);
const rampMs = Number(rampS);
const holdFor = mode === "held" ? rampMs + Number(holdS) + 20_000 : rampMs + Number(holdS);
let endAt = startAt + holdFor;
const http = new Agent({ keepAlive: true, maxSockets: 64 });
const b64 = (s: string) => Buffer.from(s).toString("base64");

function rest(method: string, url: string, u: User, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: http, headers: { Authorization: `Basic ${b64(`${u.id}:${u.password}`)}`, "Content-Type": "application/xml" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const rtts: number[] = [];
// per burst label: delays (ms) and the receive time of the last event
const delays = new Map<string, { ms: number[]; last: number }>();
let failed = 0;
let ready = 0;
const sockets: WebSocket[] = [];

async function login(u: User): Promise<void> {
  if (mode === "held" && (await rest("GET", `${u.restUrl}/SystemInfo`, u)) !== 200) throw new Error(`${u.id}: SystemInfo failed`);
  const ws = new WebSocket(u.wsUrl, ["xmpp"], { perMessageDeflate: false });
  sockets.push(ws);
  let signedIn: () => void = () => {};
  const loggedIn = new Promise<void>((r) => (signedIn = r));
  let pingSent = 0;
  await new Promise<void>((resolve, reject) => {
    let step = 0;
    const timer = setTimeout(() => reject(new Error(`${u.id}: login timed out at step ${step}`)), 30_000);
    ws.on("open", () => ws.send(`<open xmlns="${FRAMING}" to="${u.domain}" version="1.0"/>`));
    ws.on("error", reject);
    ws.on("message", (d) => {
      const t = d.toString();
      if (step === 5) {
        if (t.startsWith("<message")) {
          const i = t.indexOf("bench-");
          if (i >= 0) {
            const now = Date.now();
            const [sent = "", phase = ""] = t.slice(i + 6, t.indexOf("&", i)).split("-");
            const d = delays.get(phase) ?? { ms: [], last: 0 };
            delays.set(phase, d);
            d.ms.push(now - Number(sent));
            d.last = now;
          }
          else if (t.includes("LOGIN") || t.includes("NOT_READY")) signedIn();
        } else if (t.includes('id="bp"')) rtts.push(performance.now() - pingSent);
        return;
      }
      if (step === 0 && t.startsWith("<stream:features")) {
        step = 1;
        ws.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${b64(`\0${u.id.toLowerCase()}\0${u.password}`)}</auth>`);
      } else if (step === 1 && t.startsWith("<success")) {
        step = 2;
        ws.send(`<open xmlns="${FRAMING}" to="${u.domain}" version="1.0"/>`);
      } else if (step === 2 && t.startsWith("<stream:features")) {
        step = 3;
        ws.send(`<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>bare</resource></bind></iq>`);
      } else if (step === 3 && t.includes('id="b"')) {
        step = 4;
        ws.send(`<iq xmlns="jabber:client" type="set" id="s"><session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>`);
        ws.send(`<presence xmlns="jabber:client"/>`);
      } else if (step === 4 && t.startsWith("<presence") && t.includes("finesse@")) {
        step = 5;
        clearTimeout(timer);
        resolve();
      } else if (t.startsWith("<failure") || t.startsWith("<stream:error")) reject(new Error(`${u.id}: ${t.slice(0, 200)}`));
    });
  });
  if (mode === "held") {
    const status = await rest("PUT", `${u.restUrl}/User/${u.id}`, u, "<User><state>LOGIN</state><extension>1</extension></User>");
    if (status !== 202) throw new Error(`${u.id}: LOGIN answered ${status}`);
    await Promise.race([loggedIn, new Promise((_, reject) => setTimeout(() => reject(new Error(`${u.id}: no LOGIN event`)), 10_000))]);
    const ping = () => {
      pingSent = performance.now();
      ws.send(`<iq xmlns="jabber:client" type="get" id="bp"><ping xmlns="urn:xmpp:ping"/></iq>`);
    };
    const first = setTimeout(() => {
      ping();
      const every = setInterval(ping, 10_000);
      ws.once("close", () => clearInterval(every));
    }, 10_000);
    ws.once("close", () => clearTimeout(first));
  }
  ready++;
  endAt = Math.max(endAt, Date.now() + holdFor);
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const firstBatch = Math.floor(Number(fromS) / batch);
await Promise.all(Array.from({ length: Math.ceil(users.length / batch) }, async (_, b) => {
  await wait(startAt + Math.floor(((firstBatch + b) * rampMs) / batches) - Date.now());
  await Promise.all(users.slice(b * batch, (b + 1) * batch).map((u) => login(u).catch(() => void failed++)));
}));
// the hold ends at endAt, or earlier on SIGUSR2 (the bench is done with the sessions)
await new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, Math.max(0, endAt - Date.now()));
  process.once("SIGUSR2", () => {
    clearTimeout(timer);
    resolve();
  });
});
for (const ws of sockets) ws.close();
http.destroy();
const q = (xs: number[], p: number) => (xs.length === 0 ? null : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!);
process.stdout.write(`${JSON.stringify({ users: users.length, ready, failed, pings: rtts.length, rttMed: q(rtts, 0.5), rttP99: q(rtts, 0.99), phases: Object.fromEntries([...delays].map(([k, d]) => [k, { events: d.ms.length, med: q(d.ms, 0.5), p99: q(d.ms, 0.99), max: q(d.ms, 1), last: d.last, ms: d.ms }])) })}\n`);
process.exit(0);
