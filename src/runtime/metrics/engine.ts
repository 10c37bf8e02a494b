// The per-thread metrics engine (a SampleSink): one sink per metric, submetric sinks for every
// `metric{tag:value}` that thresholds reference, the group/check tree, and the set of
// "observed" metrics (those with samples or thresholds; k6 internal/metrics/engine/engine.go).
// State is plain JSON so worker threads ship it to the main thread, where merge() is exact.
import type { MetricType, Sample, SampleSink, Tags, ValueType } from "../contracts.ts";
import { MetricError } from "./errors.ts";
import { GroupTree, type GroupState } from "./groups.ts";
import { MetricRegistry, type MetricInfo } from "./registry.ts";
import { newSink, type Sink, type SinkState } from "./sinks.ts";

export interface SubmetricDef {
  /** "parent{suffix}" */
  name: string;
  parent: string;
  suffix: string;
  tags: Array<[string, string]>;
}

interface Submetric extends SubmetricDef {
  sink: Sink;
  /** shown in summaries even without samples (thresholds are defined on it) */
  observed: boolean;
}

interface Entry {
  info: MetricInfo;
  sink: Sink;
  observed: boolean;
  subs: Submetric[];
  /** one-entry cache by tags identity (VUs reuse their tags object between samples) */
  lastTags: Tags | undefined;
  /** bit i set: subs[i] matched lastTags */
  lastMask: number;
}

export interface EngineState {
  /** custom metric declarations, so the receiver knows their type */
  declarations: MetricInfo[];
  metrics: Array<{ name: string; sink: SinkState }>;
  submetrics: Array<SubmetricDef & { sink: SinkState }>;
  /** metrics observed without samples (thresholds defined on them) */
  observed: string[];
  groups: GroupState;
}

/** Submetric matches are kept as a 32-bit mask per tags object. */
const MAX_SUBMETRICS = 32;

export class MetricsEngine implements SampleSink {
  readonly registry: MetricRegistry;
  private readonly entries = new Map<string, Entry>();
  private readonly submetricsByName = new Map<string, Submetric>();
  readonly groups = new GroupTree();

  constructor(registry: MetricRegistry = new MetricRegistry()) {
    this.registry = registry;
  }

  /** MetricDeclarations: validates the name and the re-declaration rule (k6 docs, javascript-api/k6-metrics). */
  declare(name: string, type: MetricType, contains: ValueType): void {
    this.registry.declare(name, type, contains);
  }

  /**
   * The hot path. Submetric matches are cached by the identity of `sample.tags`, so a tags object
   * must not be changed after it was passed here (hand each sample a fresh or frozen object).
   */
  add(sample: Sample): void {
    const e = this.entries.get(sample.metric) ?? this.entry(sample.metric);
    e.sink.add(sample.value, sample.time);
    if (e.subs.length > 0) {
      if (sample.tags !== e.lastTags) {
        e.lastMask = matchMask(e.subs, sample.tags);
        e.lastTags = sample.tags;
      }
      const subs = e.subs;
      for (let i = 0, mask = e.lastMask; mask !== 0; i++, mask >>>= 1) {
        if (mask & 1) subs[i]!.sink.add(sample.value, sample.time);
      }
    }
    if (sample.metric === "checks") this.groups.recordCheck(sample.tags, sample.value);
    else if (sample.metric === "group_duration") this.groups.recordGroup(sample.tags);
  }

  private entry(name: string): Entry {
    let e = this.entries.get(name);
    if (e) return e;
    const info = this.registry.get(name);
    if (!info) throw new MetricError("unknown-metric", name, `metric "${name}" was never declared`);
    e = { info, sink: newSink(info.type), observed: false, subs: [], lastTags: undefined, lastMask: 0 };
    this.entries.set(name, e);
    return e;
  }

  /** Adds a submetric sink (idempotent by name); samples from now on are matched against it. */
  addSubmetric(def: SubmetricDef): void {
    if (this.submetricsByName.has(def.name)) return;
    const e = this.entry(def.parent);
    // k6 metrics/metric.go AddSubmetric: the same tag set is the same submetric
    const wanted = tagSetKey(def.tags);
    if (e.subs.some((s) => tagSetKey(s.tags) === wanted)) return;
    if (e.subs.length >= MAX_SUBMETRICS) {
      throw new MetricError("too-many-submetrics", def.parent,
        `metric "${def.parent}" cannot have more than ${MAX_SUBMETRICS} submetrics (thresholds with distinct tag sets)`);
    }
    const sub: Submetric = {
      name: def.name, parent: def.parent, suffix: def.suffix, tags: def.tags.map(([k, v]) => [k, v]),
      sink: newSink(e.info.type), observed: false,
    };
    e.subs.push(sub);
    e.lastTags = undefined;
    this.submetricsByName.set(def.name, sub);
  }

  /** Marks a metric as observed so it appears in summaries without samples (thresholds do this). */
  markObserved(name: string): void {
    const sub = this.submetricsByName.get(name);
    if (sub) sub.observed = true;
    else this.entry(name).observed = true;
  }

  info(name: string): MetricInfo | undefined {
    return this.registry.get(name);
  }

  /** The sink of a metric or submetric ("parent{suffix}"), if it exists. */
  sink(name: string): Sink | undefined {
    return this.entries.get(name)?.sink ?? this.submetricsByName.get(name)?.sink;
  }

  /** Names of metrics with samples or marked observed, sorted. */
  observedMetrics(): MetricInfo[] {
    const out: MetricInfo[] = [];
    for (const e of this.entries.values()) if (e.observed || e.sink.samples > 0) out.push(e.info);
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Submetrics (of one parent, or all); `observedOnly`: those with samples or marked observed. */
  submetrics(parent?: string, observedOnly = false): SubmetricDef[] {
    const subs = [...this.submetricsByName.values()].filter((s) => (parent === undefined || s.parent === parent)
      && (!observedOnly || s.observed || s.sink.samples > 0));
    return subs.map(({ name, parent: p, suffix, tags }) => ({ name, parent: p, suffix, tags }));
  }

  /**
   * JSON state of everything aggregated so far. With `reset`, the sinks start over afterwards,
   * so a worker can ship deltas and the receiver merges each exactly once.
   */
  snapshot(options: { reset?: boolean } = {}): EngineState {
    const state: EngineState = {
      declarations: this.registry.toJSON(),
      metrics: [],
      submetrics: [],
      observed: [],
      groups: this.groups.toJSON(),
    };
    for (const [name, e] of this.entries) {
      if (e.sink.samples > 0) state.metrics.push({ name, sink: e.sink.toJSON() });
      if (e.observed) state.observed.push(name);
      if (options.reset) e.sink = newSink(e.info.type);
    }
    for (const s of this.submetricsByName.values()) {
      state.submetrics.push({ name: s.name, parent: s.parent, suffix: s.suffix, tags: s.tags, sink: s.sink.toJSON() });
      if (s.observed) state.observed.push(s.name);
      if (options.reset) s.sink = newSink(s.sink.type);
    }
    if (options.reset) this.groups.resetCounts();
    return state;
  }

  /** Adds another engine's state: counters add, rates add, gauges keep the latest, trends merge bucket-wise. */
  merge(state: EngineState): void {
    for (const d of state.declarations) this.registry.declare(d.name, d.type, d.contains);
    for (const m of state.metrics) this.entry(m.name).sink.merge(m.sink);
    for (const s of state.submetrics) {
      this.addSubmetric(s);
      this.submetricsByName.get(s.name)!.sink.merge(s.sink);
    }
    for (const name of state.observed) this.markObserved(name);
    this.groups.merge(state.groups);
  }
}

function tagSetKey(tags: ReadonlyArray<readonly [string, string]>): string {
  return JSON.stringify([...new Map(tags.map(([k, v]) => [k, v] as [string, string])).entries()].sort());
}

/** Bit i set when the tags contain every pair of subs[i] (k6 metrics/metric.go AddSubmetric). */
function matchMask(subs: readonly Submetric[], tags: Tags): number {
  let mask = 0;
  for (let i = 0; i < subs.length; i++) {
    const pairs = subs[i]!.tags;
    let all = true;
    for (let j = 0; j < pairs.length; j++) {
      const pair = pairs[j]!;
      if (tags[pair[0]] !== pair[1]) {
        all = false;
        break;
      }
    }
    if (all) mask |= 1 << i;
  }
  return mask;
}
