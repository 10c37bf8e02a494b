// Loopback HTTP and HTTPS test servers on port 0, run on their own thread: synchronous k6/http
// calls block the calling thread, so a server on that thread could never answer.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

const SERVER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const https = require("node:https");
const zlib = require("node:zlib");
let inFlight = 0, maxInFlight = 0;
function handler(req, res) {
  inFlight++; maxInFlight = Math.max(maxInFlight, inFlight);
  res.on("close", () => inFlight--);
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, "http://x");
    const p = url.pathname;
    let m;
    if (p === "/hello") {
      res.setHeader("content-type", "text/plain");
      res.setHeader("x-multi", ["a", "b"]);
      res.end("hello");
    } else if (p === "/json") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ a: { b: [10, 20] }, s: "x" }));
    } else if ((m = /^\\/status\\/(\\d+)$/.exec(p))) {
      res.writeHead(Number(m[1])).end("status " + m[1]);
    } else if ((m = /^\\/redirect\\/(\\d+)$/.exec(p))) {
      const n = Number(m[1]);
      if (n === 0) res.end("done");
      else res.writeHead(302, { location: "/redirect/" + (n - 1) }).end();
    } else if (p === "/setcookie") {
      res.setHeader("set-cookie", ["sid=abc; Path=/", "other=1; Path=/elsewhere"]);
      res.end("ok");
    } else if (p === "/echo") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body: body.toString("latin1"), port: req.socket.remotePort }));
    } else if (p === "/slow") {
      setTimeout(() => res.end("slow"), Number(url.searchParams.get("ms") || 2000));
    } else if (p === "/gzip") {
      res.setHeader("content-encoding", "gzip");
      res.end(zlib.gzipSync("compressed text"));
    } else if (p === "/binary") {
      res.end(Buffer.from([0, 1, 2, 255]));
    } else if (p === "/stats") {
      res.end(JSON.stringify({ maxInFlight }));
      maxInFlight = 0;
    } else {
      res.writeHead(404).end();
    }
  });
}
const servers = [http.createServer({ keepAliveTimeout: 5000 }, handler)];
if (workerData.tls) servers.push(https.createServer({ key: workerData.tls.key, cert: workerData.tls.cert }, handler));
let ports = [];
servers.forEach((s) => s.listen(0, "127.0.0.1", () => {
  ports.push(s.address().port);
  if (ports.length === servers.length) parentPort.postMessage({ http: servers[0].address().port, https: servers[1] ? servers[1].address().port : 0 });
}));
parentPort.on("message", (m) => {
  if (m === "close") { servers.forEach((s) => { s.closeAllConnections(); s.close(); }); parentPort.close(); }
});
`;

export interface HttpTestServer {
  http: (path: string) => string;
  https: (path: string) => string;
  httpPort: number;
  close: () => Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl in a temp dir. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "k6net-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
      "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startHttpServer(tls = false): Promise<HttpTestServer> {
  const worker = new Worker(SERVER, { eval: true, workerData: { tls: tls ? selfSignedCert() : undefined } });
  const ports = await new Promise<{ http: number; https: number }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    httpPort: ports.http,
    http: (path) => `http://127.0.0.1:${ports.http}${path}`,
    https: (path) => `https://127.0.0.1:${ports.https}${path}`,
    close: async () => {
      worker.postMessage("close");
      await new Promise((r) => setTimeout(r, 20));
      await worker.terminate();
    },
  };
}
