// k6 `hosts` option (k6 docs, using-k6/k6-options/reference#hosts): hostname → "ip" or "ip:port".
export interface Target {
  host: string;
  port: number;
}

export function mapHost(hosts: Record<string, string> | undefined, hostname: string, port: number): Target {
  const mapped = hosts?.[hostname];
  if (mapped === undefined) return { host: hostname, port };
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(mapped) ?? /^([^:]+)(?::(\d+))?$/.exec(mapped);
  if (!m) return { host: mapped, port };
  return { host: m[1]!, port: m[2] !== undefined ? Number(m[2]) : port };
}
