// Module `k6/execution` (k6 docs, javascript-api/k6-execution): vu, scenario, instance and test.
// vu, scenario, instance and test.options are not available in the init context; scenario
// exists only inside iterations.
import type { CoreHost } from "./core-host.ts";
import { realmError, tagValue, toRealm } from "./realm-values.ts";

function notInInit(host: CoreHost, what: string): void {
  if (host.phase === "init") throw realmError(host, `getting ${what} in the init context is not supported`);
}

/**
 * vu.metrics.tags / vu.metrics.metadata: live views of the VU's tags that validate values. A change
 * replaces the host's object (copy on write): samples already emitted share the old one.
 */
function tagView(host: CoreHost, which: "vuTags" | "vuMetadata"): object {
  const target = (): Record<string, string> => host[which];
  return new Proxy({}, {
    get: (_t, key) => (typeof key === "string" ? target()[key] : undefined),
    set: (_t, key, value) => {
      if (typeof key !== "string") return false;
      const v = tagValue(value);
      if (v === undefined) throw realmError(host, `invalid value for ${which === "vuTags" ? "metric tag" : "metadata"} '${key}': only String, Boolean and Number types are accepted`, "TypeError");
      host[which] = { ...target(), [key]: v };
      return true;
    },
    deleteProperty: (_t, key) => {
      if (typeof key === "string" && key in target()) {
        const next = { ...target() };
        delete next[key];
        host[which] = next;
      }
      return true;
    },
    has: (_t, key) => typeof key === "string" && key in target(),
    ownKeys: () => Object.keys(target()),
    getOwnPropertyDescriptor: (_t, key) => {
      if (typeof key !== "string" || !(key in target())) return undefined;
      return { value: target()[key], writable: true, enumerable: true, configurable: true };
    },
  });
}

export function executionModule(host: CoreHost): Record<string, unknown> {
  const tags = tagView(host, "vuTags");
  const metadata = tagView(host, "vuMetadata");

  const inVu = <T>(what: string, read: () => T): T => {
    notInInit(host, what);
    return read();
  };
  const counters = () => inVu("instance information", () => host.execution.counters());

  const vu = {
    get idInInstance() { return inVu("VU information", () => host.id); },
    get idInTest() { return inVu("VU information", () => host.idInTest); },
    get iterationInInstance() { return inVu("VU information", () => host.iteration?.iterationInInstance ?? 0); },
    get iterationInScenario() { return inVu("VU information", () => host.iteration?.iterationInScenario ?? 0); },
    get tags() { return inVu("VU information", () => tags); },
    metrics: {
      get tags() { return inVu("VU information", () => tags); },
      get metadata() { return inVu("VU information", () => metadata); },
    },
  };

  const current = () => {
    notInInit(host, "scenario information");
    const it = host.iteration;
    if (!it) throw realmError(host, "getting scenario information outside of a scenario iteration is not supported");
    return it;
  };
  const scenario = {
    get name() { return current().scenario; },
    get executor() { return current().executor; },
    get startTime() { return current().startTime; },
    get progress() { return current().progress; },
    get iterationInInstance() { return current().scenarioIterationInInstance; },
    get iterationInTest() { return current().scenarioIterationInTest; },
  };

  const instance = {
    get iterationsInterrupted() { return counters().iterationsInterrupted; },
    get iterationsCompleted() { return counters().iterationsCompleted; },
    get vusActive() { return counters().vusActive; },
    get vusInitialized() { return counters().vusInitialized; },
    get currentTestRunDuration() { return inVu("instance information", () => host.execution.testRunDurationMs()); },
  };

  let options: unknown;
  const test = {
    // k6 docs, k6-execution#test: abort stops the run (exit code 108); also callable in init.
    abort(reason?: unknown): never {
      const message = reason === undefined ? "test aborted" : `test aborted: ${String(reason)}`;
      host.execution.abort(reason === undefined ? "" : String(reason));
      host.interrupt();
      throw realmError(host, message);
    },
    // marks the run failed (exit code 110); execution continues.
    fail(reason?: unknown): void {
      const message = reason === undefined ? "" : String(reason);
      host.execution.fail(message);
      host.log("error", message === "" ? "test marked as failed" : `test marked as failed: ${message}`);
    },
    get options() {
      notInInit(host, "test.options");
      options ??= Object.freeze(toRealm(host, host.execution.options()));
      return options;
    },
  };

  return { vu, scenario, instance, test };
}
