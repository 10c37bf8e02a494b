// Measures VU init cost (time and heap per VU) for a generated ~30 KB k6 script, or for a given bundle
// (its init code run with __ENV from KEY=VALUE arguments; no iteration is run for a given bundle).
// Run: node --experimental-vm-modules --disable-warning=ExperimentalWarning --expose-gc \
//        --import tsx src/runtime/vu/bench-init.ts [VUS] [BUNDLE.js [KEY=VALUE …]]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVu } from "./create.ts";
import type { InThreadVu } from "./vu.ts";
import { loadBundle } from "./sources.ts";

function script(): string {
  const parts = [
    `import { check, group } from "k6";`,
    `import { Counter, Trend } from "k6/metrics";`,
    `import { WebSocket } from "k6/websockets";`,
    `import exec from "k6/execution";`,
    `import { b64encode } from "k6/encoding";`,
    `const c = new Counter("bench_c"); const t = new Trend("bench_t", true);`,
  ];
  for (let i = 0; parts.join("\n").length < 30_000; i++) {
    parts.push(`export class Agent${i} {
  constructor(id) { this.id = id; this.state = "LOGOUT"; this.events = []; }
  transition(next, reason) {
    if (next === this.state) return false;
    this.events.push({ from: this.state, to: next, reason: reason ?? "none", at: Date.now() });
    this.state = next;
    return true;
  }
  xml() { return "<presence id='" + this.id + "-${i}'><show>" + this.state.toLowerCase() + "</show></presence>"; }
}
function helper${i}(x) { return x.map((v) => v * ${i} + 1).filter((v) => v % 3 !== 0).reduce((a, b) => a + b, 0); }`);
  }
  parts.push(`export const options = { scenarios: { a: { executor: "constant-vus", vus: 1, duration: "1s" } } };
export default function () {
  group("g", () => { c.add(1); t.add(helper0([1, 2, 3])); check(1, { ok: (v) => v === 1 }); });
  return b64encode(new Agent0(exec.vu.idInInstance).xml());
}`);
  return parts.join("\n");
}

const vus = Number(process.argv[2] ?? 200);
if (!Number.isInteger(vus) || vus < 2) throw new Error(`VUS must be a whole number ≥ 2, got ${process.argv[2]}`);
const given = process.argv[3];
const env: Record<string, string> = {};
for (const kv of process.argv.slice(4)) {
  const eq = kv.indexOf("=");
  if (eq <= 0) throw new Error(`expected KEY=VALUE, got ${JSON.stringify(kv)}`);
  env[kv.slice(0, eq)] = kv.slice(eq + 1);
}
const dir = mkdtempSync(join(tmpdir(), "vu-bench-"));
const path = given ?? join(dir, "bench.js");
const source = given ? readFileSync(given, "utf8") : script();
if (!given) writeFileSync(path, source);
const gc = (globalThis as { gc?: () => void }).gc;
const bundle = loadBundle(path);
const sink = { add: () => {} };
const logger = { log: () => {} };
const t0 = performance.now();
const first = await createVu({ script: bundle, id: 1, sink, logger, env });
const firstMs = performance.now() - t0;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const kept: InThreadVu[] = [first];
const t1 = performance.now();
for (let i = 2; i <= vus; i++) kept.push(await createVu({ script: bundle, id: i, sink, logger, env }));
const eachMs = (performance.now() - t1) / (vus - 1);
gc?.();
const heapPerVu = (process.memoryUsage().heapUsed - heapBefore) / (vus - 1);
const rssPerVu = (process.memoryUsage().rss - rssBefore) / (vus - 1);
const request = { scenario: { name: "a", executor: "constant-vus", exec: "default", startTime: Date.now(), env: {}, tags: { scenario: "a" } }, iterationInScenario: 0, iterationInTest: 0, progress: 0 };
const t2 = performance.now();
if (!given) for (const vu of kept) await vu.runIteration(request, new AbortController().signal);
const iterMs = (performance.now() - t2) / kept.length;
gc?.();
const heapAfterIterPerVu = (process.memoryUsage().heapUsed - heapBefore) / (vus - 1);
process.stdout.write(JSON.stringify({
  scriptBytes: source.length,
  vus,
  firstVuMs: +firstMs.toFixed(2),
  perVuInitMs: +eachMs.toFixed(2),
  heapPerVuMB: +(heapPerVu / 2 ** 20).toFixed(3),
  rssPerVuMB: +(rssPerVu / 2 ** 20).toFixed(3),
  iterationMs: given ? null : +iterMs.toFixed(3),
  heapPerVuAfterIterationMB: +(heapAfterIterPerVu / 2 ** 20).toFixed(3),
  gcExposed: gc !== undefined,
}) + "\n");
rmSync(dir, { recursive: true, force: true });
process.exit(0);
