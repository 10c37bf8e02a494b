// The --out values the embedded runtime implements (k6 docs, results-output): json=FILE and
// prometheus=HOST:PORT.

/** The parsed --out values. */
export interface Outputs {
  /** json=FILE → FILE ("-" for stdout) */
  json: string[];
  /** prometheus=HOST:PORT */
  prometheus: Array<{ value: string; host: string; port: number }>;
}

/** The address `--out prometheus` listens on when none is given. */
export const DEFAULT_PROMETHEUS_ADDRESS = "localhost:5656";

/** Reads the --out values; `problems` names every bad one. */
export function readOutputs(out: readonly string[] | undefined): { outputs: Outputs; problems: string[] } {
  const result: Outputs = { json: [], prometheus: [] };
  const problems: string[] = [];
  for (const o of out ?? []) {
    const eq = o.indexOf("=");
    const type = eq < 0 ? o : o.slice(0, eq);
    const arg = eq < 0 ? "" : o.slice(eq + 1);
    if (type === "json") result.json.push(arg || "-");
    else if (type === "prometheus") {
      const address = parseListenAddress(arg || DEFAULT_PROMETHEUS_ADDRESS);
      if (typeof address === "string") problems.push(`--out ${o}: ${address}`);
      else result.prometheus.push({ value: o, ...address });
    } else problems.push(`--out ${o}: unsupported output "${type}" (supported: json=FILE, prometheus=HOST:PORT)`);
  }
  if (result.prometheus.length > 1) problems.push(`--out prometheus is given ${result.prometheus.length} times; one endpoint serves every series`);
  return { outputs: result, problems };
}

/** HOST:PORT, [IPv6]:PORT or :PORT (all interfaces); a string is the reason it is invalid. */
export function parseListenAddress(text: string): { host: string; port: number } | string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]*)):(\d{1,5})$/.exec(text);
  if (!m) return `expected HOST:PORT, e.g. 127.0.0.1:5656, got "${text}"`;
  const port = Number(m[3]);
  if (port > 65535) return `port ${port} is out of range (0-65535)`;
  const host = m[1] ?? m[2] ?? "";
  return { host: host === "" ? "0.0.0.0" : host, port };
}
