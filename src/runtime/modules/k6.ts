// Module `k6` (k6 docs, javascript-api/k6): check, group, sleep, fail, randomSeed.
import type { CoreHost } from "./core-host.ts";
import { mergeTags, realmError } from "./realm-values.ts";

function assertVuContext(host: CoreHost, what: string): void {
  if (host.phase === "init") throw realmError(host, `${what} in the init context is not supported`);
}

function isPromise(host: CoreHost, v: unknown): boolean {
  return v instanceof host.realm.Promise || v instanceof Promise;
}

export function k6Module(host: CoreHost): Record<string, unknown> {
  // k6 docs, javascript-api/k6/check: one `checks` Rate sample per key, tagged check=<name>;
  // a throwing check function fails that check and the exception propagates.
  const check = (value: unknown, sets: unknown, tags?: unknown): boolean => {
    assertVuContext(host, "Using check()");
    if (sets === null || typeof sets !== "object") throw realmError(host, "check() expects an object of checks as its second argument", "TypeError");
    const base = mergeTags(host, host.currentTags(), tags);
    // `check` is a system tag: present unless the systemTags option leaves it out.
    const systemTags = host.options.systemTags;
    const tagCheck = systemTags === undefined || systemTags.includes("check");
    let all = true;
    for (const [name, predicate] of Object.entries(sets as Record<string, unknown>)) {
      if (name.includes("::")) throw realmError(host, `check name "${name}" must not contain '::'`);
      const sample = { metric: "checks", tags: tagCheck ? { ...base, check: name } : base };
      let passed: boolean;
      if (typeof predicate === "function") {
        let result: unknown;
        try {
          result = (predicate as (v: unknown) => unknown)(value);
        } catch (err) {
          host.emit({ ...sample, value: 0 });
          throw err;
        }
        if (isPromise(host, result)) throw realmError(host, "check() does not support async check functions", "TypeError");
        passed = Boolean(result);
      } else {
        passed = Boolean(predicate);
      }
      host.emit({ ...sample, value: passed ? 1 : 0 });
      if (!passed) all = false;
    }
    return all;
  };

  // k6 docs, javascript-api/k6/group: runs fn synchronously under group path parent::name,
  // emits group_duration, rejects async callbacks.
  const group = (name: unknown, fn: unknown): unknown => {
    assertVuContext(host, "Using group()");
    const label = String(name);
    if (label.includes("::")) throw realmError(host, `group name "${label}" must not contain '::'`);
    if (typeof fn !== "function") throw realmError(host, "group() expects a function as its second argument", "TypeError");
    if (Object.prototype.toString.call(fn) === "[object AsyncFunction]") {
      throw realmError(host, "group() does not support async functions as arguments, please see https://grafana.com/docs/k6/latest/javascript-api/k6/group/#working-with-async-functions for more info", "TypeError");
    }
    const parent = host.groupPath;
    host.groupPath = `${parent}::${label}`;
    const started = performance.now();
    try {
      const result = (fn as () => unknown)();
      if (isPromise(host, result)) throw realmError(host, "group() does not support async functions as arguments", "TypeError");
      return result;
    } finally {
      const duration = performance.now() - started;
      host.emit({ metric: "group_duration", value: duration, tags: host.currentTags() });
      host.groupPath = parent;
    }
  };

  // k6 docs, javascript-api/k6/sleep: blocks the VU for the given seconds.
  const sleep = (seconds: unknown): void => {
    const s = Number(seconds);
    if (Number.isFinite(s) && s > 0) host.sleep(s * 1000);
  };

  // k6 docs, javascript-api/k6/fail: throws, ending the iteration (not the test).
  const fail = (message?: unknown): never => {
    throw realmError(host, message === undefined ? "" : String(message));
  };

  const randomSeed = (seed: unknown): void => {
    host.setRandomSeed(Number(seed));
  };

  return { check, group, sleep, fail, randomSeed };
}
