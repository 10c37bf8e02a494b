// A throwaway Prosody (Debian's `prosody` package) for tests and benchmarks: loopback only,
// WebSocket at /ws (RFC 7395), a pubsub component, warn-level logging, raised TCP backlog.
// Users are written straight into Prosody's internal_plain account store (milliseconds for
// thousands, where `prosodyctl register` takes ~60 ms each). Started and stopped by PID.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class ProsodyMissingError extends Error {
  override name = "ProsodyMissingError";
  constructor() {
    super("prosody is not installed: `apt-get install -y --no-install-recommends prosody lua-unbound` (.ci/run does this)");
  }
}

export interface ProsodyUser {
  name: string;
  password: string;
}

export interface ProsodyOptions {
  domain?: string;
  users: readonly ProsodyUser[];
  /** users with admin rights: they may create and publish to any pubsub node */
  admins?: readonly string[];
  /** create a missing node on the first subscribe or publish (XEP-0060 §7.1.3.6 otherwise: item-not-found); default false */
  autocreate?: boolean;
}

export interface RunningProsody {
  domain: string;
  pubsubDomain: string;
  wsUrl: string;
  pid: number;
  stop(): Promise<void>;
  /** the warn-level log so far */
  log(): Promise<string>;
}

export function prosodyInstalled(): boolean {
  return spawnSync("sh", ["-c", "command -v prosody"], { stdio: "ignore" }).status === 0;
}

/** Escapes a host name the way Prosody names its storage folders: every byte outside [A-Za-z0-9_] as %xx. */
export function storageName(host: string): string {
  return host.replace(/[^A-Za-z0-9_]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function luaString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function config(dir: string, domain: string, httpPort: number, c2sPort: number, admins: readonly string[], autocreate: boolean): string {
  return `-- written by finesse-load's test setup; loopback only
pidfile = ${luaString(join(dir, "prosody.pid"))}
certificates = ${luaString(join(dir, "certs"))}
data_path = ${luaString(join(dir, "data"))}
run_as_root = true
interfaces = { "127.0.0.1" }
c2s_ports = { ${c2sPort} }
s2s_ports = { }
http_ports = { ${httpPort} }
http_interfaces = { "127.0.0.1" }
https_ports = { }
https_interfaces = { }
http_default_host = ${luaString(domain)}
http_paths = { websocket = "/ws" }
log = { warn = ${luaString(join(dir, "prosody.log"))} }
network_settings = { tcp_backlog = 1024 }
authentication = "internal_plain"
storage = "internal"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_websocket_secure = true
modules_enabled = { "roster", "saslauth", "disco", "ping", "presence", "http", "websocket" }
modules_disabled = { "s2s", "tls", "offline", "c2s_limits", "limits" }
admins = { ${admins.map((a) => luaString(`${a}@${domain}`)).join(", ")} }
VirtualHost ${luaString(domain)}
Component ${luaString(`pubsub.${domain}`)} "pubsub"
  autocreate_on_subscribe = ${autocreate}
  autocreate_on_publish = ${autocreate}
`;
}

async function waitReady(url: string, child: ChildProcess, logPath: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const log = await readFile(logPath, "utf8").catch(() => "");
      throw new Error(`prosody exited with code ${child.exitCode} during start-up\n${log.slice(-2000)}`);
    }
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`prosody did not answer ${url} within its start-up time`);
}

export async function startProsody(options: ProsodyOptions): Promise<RunningProsody> {
  if (!prosodyInstalled()) throw new ProsodyMissingError();
  const domain = options.domain ?? "xmpp.test";
  const dir = await mkdtemp(join(tmpdir(), "finesse-load-prosody-"));
  const accounts = join(dir, "data", storageName(domain), "accounts");
  await mkdir(accounts, { recursive: true });
  await mkdir(join(dir, "certs"));
  await Promise.all(
    options.users.map((u) =>
      writeFile(join(accounts, `${storageName(u.name.toLowerCase())}.dat`), `return {\n\t["password"] = ${luaString(u.password)};\n};\n`),
    ),
  );
  const [httpPort, c2sPort] = [await freePort(), await freePort()];
  const cfg = join(dir, "prosody.cfg.lua");
  await writeFile(cfg, config(dir, domain, httpPort, c2sPort, options.admins ?? [], options.autocreate ?? false));
  const logPath = join(dir, "prosody.log");
  const child = spawn("prosody", ["--config", cfg, "-F"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const pid = child.pid;
  if (pid === undefined) throw new Error("prosody did not start");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      process.kill(pid, "SIGTERM");
      const timer = setTimeout(() => child.exitCode === null && process.kill(pid, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(`http://127.0.0.1:${httpPort}/ws`, child, logPath, Date.now() + 15_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    domain,
    pubsubDomain: `pubsub.${domain}`,
    wsUrl: `ws://127.0.0.1:${httpPort}/ws`,
    pid,
    stop,
    log: () => readFile(logPath, "utf8").catch(() => ""),
  };
}
