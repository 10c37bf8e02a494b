// A self-signed certificate for the TLS mode, made at start with the `openssl` CLI (Node's crypto can
// make keys but not X.509 certificates). Key and certificate live only in memory afterwards.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TlsMaterial {
  key: string;
  cert: string;
}

export class TlsSetupError extends Error {
  override name = "TlsSetupError";
  readonly kind = "tls-setup";
}

/** A P-256 key and a 7-day self-signed certificate for `host` (also valid for localhost and 127.0.0.1). */
export function selfSignedCertificate(host: string): TlsMaterial {
  const dir = mkdtempSync(join(tmpdir(), "finesse-sim-tls-"));
  try {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    const san = [`DNS:localhost`, `IP:127.0.0.1`];
    if (/^[\d.]+$/.test(host)) san.push(`IP:${host}`);
    else if (host !== "localhost") san.push(`DNS:${host}`);
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert,
      "-days", "7", "-subj", `/CN=${host}`, "-addext", `subjectAltName=${[...new Set(san)].join(",")}`,
    ], { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 });
    return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new TlsSetupError(`cannot create a self-signed certificate with openssl (install openssl or pass tls key/cert): ${detail}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
