// The group/check tree of the summary, rebuilt from samples (k6 lib/test_state.go GroupSummary):
// `checks` samples carry the `group` path and `check` name tags, `group_duration` samples the
// `group` path. Paths are "" (root), "::a", "::a::b"; a check's path is "<group path>::<name>";
// ids are the MD5 hex of the path (k6 lib/models.go).
import { createHash } from "node:crypto";
import type { Tags } from "../contracts.ts";

const SEP = "::";

export interface CheckSummary {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

export interface GroupSummary {
  name: string;
  path: string;
  id: string;
  groups: GroupSummary[];
  checks: CheckSummary[];
}

/** JSON form for merging across threads. */
export interface GroupState {
  name: string;
  groups: GroupState[];
  checks: Array<{ name: string; passes: number; fails: number }>;
}

function md5(text: string): string {
  return createHash("md5").update(text).digest("hex");
}

class GroupNode {
  readonly name: string;
  readonly path: string;
  readonly id: string;
  readonly groups = new Map<string, GroupNode>();
  readonly checks = new Map<string, CheckSummary>();
  constructor(name: string, path: string) {
    this.name = name;
    this.path = path;
    this.id = md5(path);
  }
  child(name: string): GroupNode {
    let g = this.groups.get(name);
    if (!g) this.groups.set(name, (g = new GroupNode(name, this.path + SEP + name)));
    return g;
  }
  check(name: string): CheckSummary {
    let c = this.checks.get(name);
    if (!c) {
      const path = this.path + SEP + name;
      this.checks.set(name, (c = { name, path, id: md5(path), passes: 0, fails: 0 }));
    }
    return c;
  }
}

export class GroupTree {
  private root = new GroupNode("", "");
  private readonly byPath = new Map<string, GroupNode>([["", this.root]]);

  /** The node of a group path, created (with its parents) on first use. */
  group(path: string): GroupNode {
    const known = this.byPath.get(path);
    if (known) return known;
    let node = this.root;
    const parts = path.split(SEP);
    // "::a::b" → ["", "a", "b"]; a path without the leading separator is taken as relative to root
    for (let i = parts[0] === "" ? 1 : 0; i < parts.length; i++) node = node.child(parts[i]!);
    this.byPath.set(path, node);
    return node;
  }

  recordCheck(tags: Tags, value: number): void {
    const c = this.group(tags.group ?? "").check(tags.check ?? "");
    if (value !== 0) c.passes++;
    else c.fails++;
  }

  recordGroup(tags: Tags): void {
    this.group(tags.group ?? "");
  }

  summary(): GroupSummary {
    const walk = (n: GroupNode): GroupSummary => ({
      name: n.name, path: n.path, id: n.id,
      groups: [...n.groups.values()].map(walk),
      checks: [...n.checks.values()].map((c) => ({ ...c })),
    });
    return walk(this.root);
  }

  toJSON(): GroupState {
    const walk = (n: GroupNode): GroupState => ({
      name: n.name,
      groups: [...n.groups.values()].map(walk),
      checks: [...n.checks.values()].map((c) => ({ name: c.name, passes: c.passes, fails: c.fails })),
    });
    return walk(this.root);
  }

  merge(state: GroupState): void {
    const walk = (node: GroupNode, s: GroupState): void => {
      for (const c of s.checks) {
        const mine = node.check(c.name);
        mine.passes += c.passes;
        mine.fails += c.fails;
      }
      for (const g of s.groups) walk(node.child(g.name), g);
    };
    walk(this.root, state);
  }

  /** Zeroes pass/fail counts, keeping the known groups and checks. */
  resetCounts(): void {
    const walk = (n: GroupNode): void => {
      for (const c of n.checks.values()) c.passes = c.fails = 0;
      for (const g of n.groups.values()) walk(g);
    };
    walk(this.root);
  }

  /** Every check of the tree, depth first. */
  allChecks(): CheckSummary[] {
    const out: CheckSummary[] = [];
    const walk = (n: GroupNode): void => {
      out.push(...n.checks.values());
      for (const g of n.groups.values()) walk(g);
    };
    walk(this.root);
    return out;
  }
}
