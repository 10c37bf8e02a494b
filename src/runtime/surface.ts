// The k6 modules the embedded runtime implements. build.mjs refuses a bundle that imports
// anything else, so every bundle we ship runs both under k6 and under the embedded runtime.
export const K6_MODULES: readonly string[] = [
  "k6",
  "k6/websockets",
  "k6/experimental/websockets",
  "k6/metrics",
  "k6/execution",
  "k6/timers",
  "k6/encoding",
  "k6/http",
  "k6/data",
  "k6/crypto",
];
