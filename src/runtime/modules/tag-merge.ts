// Tags of a custom metric sample: the VU's current tags plus the script's `tags` argument
// (k6 docs, javascript-api/k6-metrics: Counter.add(value, [tags])). Scripts pass the same few tag
// sets over and over, so the merged objects are kept and shared between samples (a sample's tags
// are never modified once emitted), saving a copy per sample and letting outputs cache their text.
import type { VuHost } from "../vu-host.ts";
import { realmError, tagValue } from "./realm-values.ts";

type Tags = Record<string, string>;

/** merged tag sets kept per base; beyond this the cache starts over (scripts tagging with ids) */
const MAX_KEPT = 256;

export class TagMerger {
  #base: Tags | undefined;
  readonly #kept = new Map<string, Tags>();

  /** base plus extra, validated like mergeTags; base itself when extra is undefined or null. */
  merge(host: VuHost, base: Tags, extra: unknown): Tags {
    if (extra === undefined || extra === null) return base;
    if (typeof extra !== "object") throw realmError(host, "tags must be an object", "TypeError");
    if (base !== this.#base) {
      this.#base = base;
      this.#kept.clear();
    }
    const entries = Object.entries(extra as Record<string, unknown>);
    let key = "";
    const values: string[] = [];
    for (const [name, raw] of entries) {
      const v = tagValue(raw);
      if (v === undefined) throw realmError(host, `invalid value for metric tag '${name}': only String, Boolean and Number types are accepted`, "TypeError");
      values.push(v);
      key += `${name}\u0000${v}\u0001`;
    }
    let out = this.#kept.get(key);
    if (out === undefined) {
      out = { ...base };
      for (let i = 0; i < entries.length; i++) out[entries[i]![0]] = values[i]!;
      if (this.#kept.size >= MAX_KEPT) this.#kept.clear();
      this.#kept.set(key, out);
    }
    return out;
  }
}
