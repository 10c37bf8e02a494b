// Scenario checks and thresholds follow the target's kind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveConfig } from "./sources.ts";
import { flowLabels } from "./kind.ts";

test("a Finesse target keeps the self/supervisor roles; an xmpp target uses publisher/watcher and its own check labels", () => {
  const finesse = flowLabels(resolveConfig({ target: "http://127.0.0.1:8080", agentsCsv: "/tmp/a.csv" }));
  assert.deepEqual([finesse.kind, finesse.self, finesse.watcher, finesse.signIn], ["finesse", "self", "supervisor", "signed in (NOT_READY event)"]);
  const xmpp = flowLabels(resolveConfig({ overrides: "targets[0].kind=xmpp,targets[0].wsUrl=ws://127.0.0.1:5280/ws,targets[0].xmppDomain=x.test", agentsCsv: "/tmp/a.csv" }));
  assert.deepEqual([xmpp.kind, xmpp.self, xmpp.watcher], ["xmpp", "publisher", "watcher"]);
  assert.notEqual(xmpp.signIn, finesse.signIn);
});
