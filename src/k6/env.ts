// k6 globals (k6 docs, using-k6/environment-variables, javascript-api/init-context/open) declared for this folder
// only: tsconfig does not load @types/k6's global.d.ts.
declare const __ENV: Record<string, string | undefined>;
declare function open(path: string): string;

export function env(name: string): string | undefined {
  const v = __ENV[name];
  return v === undefined || v === "" ? undefined : v;
}

/** k6 open(): init context only, path relative to the script unless absolute. */
export function readFile(path: string): string {
  return open(path);
}
