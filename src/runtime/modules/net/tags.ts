// Custom tags from params.tags: values must be strings, numbers or booleans (k6 js/common/tags.go).
import type { Tags } from "../../vu-host.ts";
import { isPlainObject } from "./realm.ts";

export class InvalidTagsError extends Error {
  readonly kind = "invalid-tags";
  constructor(message: string) {
    super(message);
    this.name = "InvalidTagsError";
  }
}

/** Validated string tags, or throws InvalidTagsError with `message` naming the bad key. */
export function userTags(value: unknown, message: string): Tags {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new InvalidTagsError(`${message}: tags must be an object`);
  const out: Tags = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[key] = String(v);
    else throw new InvalidTagsError(`${message}: invalid value for metric tag '${key}': only String, Boolean and Number types are accepted as a metric tag value`);
  }
  return out;
}

// k6 docs, using-k6/k6-options/reference#system-tags: tags that are off unless listed
const OPT_IN = new Set(["ip", "vu", "iter", "ocsp_status"]);

/** Whether a system tag is enabled (k6 option systemTags; the default set when unset). */
export function systemTagOn(systemTags: readonly string[] | undefined, tag: string): boolean {
  return systemTags === undefined ? !OPT_IN.has(tag) : systemTags.includes(tag);
}
