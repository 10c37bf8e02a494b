// Configuration problems, all of them at once, each with the path it concerns.
export interface ConfigProblem {
  /** dotted path, e.g. "targets[0].restUrl"; "" for the whole document */
  path: string;
  message: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: readonly ConfigProblem[];
  constructor(source: string, problems: readonly ConfigProblem[]) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${formatProblems(problems)}`);
    this.problems = problems;
  }
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `  ✖ ${p.path === "" ? "(config)" : p.path}: ${p.message}`).join("\n");
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
