// Submetric names as k6 writes them: `name{tag:value,tag2:value2}` (k6 docs,
// using-k6/thresholds#thresholds-on-tags).

export interface MetricName {
  base: string;
  tags: Record<string, string>;
}

export function parseMetricName(name: string): MetricName {
  const open = name.indexOf("{");
  if (open < 0 || !name.endsWith("}")) return { base: name, tags: {} };
  const tags: Record<string, string> = {};
  for (const part of name.slice(open + 1, -1).split(",")) {
    const colon = part.indexOf(":");
    if (colon <= 0) continue;
    tags[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
  }
  return { base: name.slice(0, open), tags };
}

/** The aggregation a threshold expression tests, e.g. "p(95)" for "p(95)<500", "rate" for "rate==1". */
export function thresholdStat(expr: string): string | undefined {
  const m = /^\s*([a-z]+(?:\(\s*[\d.]+\s*\))?)\s*(?:<=|>=|===|==|!=|<|>)/.exec(expr);
  return m ? m[1]!.replace(/\s+/g, "") : undefined;
}
