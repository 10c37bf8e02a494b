import { test } from "node:test";
import assert from "node:assert/strict";
import {
  agentAt,
  deriveWebSocketUrl,
  loadConfig,
  maskSecrets,
  parseAgentsCsv,
  parseUrl,
  populationSize,
  ConfigError,
  xmppSettings,
  type Config,
} from "./index.ts";

const MINIMAL = JSON.stringify({
  targets: [{ restUrl: "https://finesse-a.example.com:8445" }],
  agents: { generated: { count: 40, passwordTemplate: "pw-{id}" } },
});

function load(text: string, overrides?: string): Config {
  const r = loadConfig(overrides === undefined ? { text } : { text, overrides });
  if (!r.ok) throw r.error;
  return r.value;
}

test("a minimal config gets the documented defaults", () => {
  const c = load(MINIMAL);
  assert.equal(c.targets[0]!.name, "primary");
  assert.equal(c.targets[0]!.tlsVerify, true);
  assert.equal(c.targets[0]!.finesseVersion, "12.6");
  assert.equal(c.agents.resource, "vagent");
  assert.deepEqual(c.behaviour.ping, { intervalMs: 10_000, timeoutMs: 10_000, maxMisses: 2 });
  assert.equal(c.behaviour.agentsPerVu, 1);
  assert.equal(c.behaviour.reconnect.giveUpAfterMs, 55_000);
});

test("every problem is reported at once, each with its path", () => {
  const r = loadConfig({
    source: "lab.json",
    text: JSON.stringify({
      targets: [{ restUrl: "ftp://finesse", tlsverify: false }],
      agents: { generated: { count: 0, passwordTemplate: "static" }, resource: "desktop" },
      behaviour: { ping: { intervalMs: -5 } },
    }),
  });
  assert.equal(r.ok, false);
  if (r.ok) return;
  const paths = r.error.problems.map((p) => p.path).sort();
  assert.deepEqual(paths, [
    "agents.generated.count",
    "agents.generated.passwordTemplate",
    "agents.resource",
    "behaviour.ping.intervalMs",
    "targets[0]",
    "targets[0].restUrl",
  ]);
  assert.match(r.error.message, /^lab\.json: 6 problems/);
  assert.match(r.error.message, /targets\[0\]: unknown key: "tlsverify"/);
});

test("exactly one agent source is required", () => {
  const r = loadConfig({ text: JSON.stringify({ targets: [{ restUrl: "https://f" }], agents: {} }) });
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.error.problems.map((p) => p.message), ["give exactly one of agents.csv and agents.generated"]);
});

test("overrides replace file values and are validated like them", () => {
  const c = load(MINIMAL, "behaviour.ping.intervalMs=5000, targets[0].tlsVerify=false, agents.offset=100");
  assert.equal(c.behaviour.ping.intervalMs, 5000);
  assert.equal(c.targets[0]!.tlsVerify, false);
  assert.equal(c.agents.offset, 100);
  const bad = loadConfig({ text: MINIMAL, overrides: "behaviour.ping.intervalMs=soon" });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.error.problems[0]!.path, "behaviour.ping.intervalMs");
  const storm = load(MINIMAL, "scenarios.login-storm.load.agents=50");
  assert.equal(storm.scenarios["login-storm"]?.load?.agents, 50);
  const malformed = loadConfig({ text: MINIMAL, overrides: "behaviour..x=1" });
  assert.equal(malformed.ok, false);
});

test("malformed JSON is reported with the file name", () => {
  const r = loadConfig({ text: "{ targets: ", source: "broken.json" });
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.error.message, /^broken\.json: 1 problem\n.*not valid JSON/);
});

test("secrets are masked wherever they appear", () => {
  const masked = maskSecrets({ agents: { generated: { passwordTemplate: "pw-{id}" } }, list: [{ id: "1", password: "s3cret" }] });
  assert.equal(JSON.stringify(masked).includes("s3cret"), false);
  assert.equal(JSON.stringify(masked).includes("pw-{id}"), false);
  assert.equal(masked.list[0]!.id, "1");
});

test("the WebSocket URL follows the Finesse version", () => {
  assert.equal(deriveWebSocketUrl("https://fin.example.com:8445", "12.6"), "wss://fin.example.com:8445/ws/");
  assert.equal(deriveWebSocketUrl("https://fin.example.com:8445", "15.0"), "wss://fin.example.com:8445/ws/");
  assert.equal(deriveWebSocketUrl("https://fin.example.com:8445", "12.5"), "wss://fin.example.com:7443/ws/");
  assert.equal(deriveWebSocketUrl("https://fin.example.com", "12.0(1)"), "wss://fin.example.com:7443/ws/");
  assert.equal(deriveWebSocketUrl("http://127.0.0.1:40123", "12.6"), "ws://127.0.0.1:40123/ws/");
});

test("URLs are parsed without the URL global", () => {
  assert.deepEqual(parseUrl("https://Fin.Example.com:8445/finesse"), { scheme: "https", host: "fin.example.com", port: 8445, path: "/finesse" });
  assert.deepEqual(parseUrl("ws://[::1]:80"), { scheme: "ws", host: "[::1]", port: 80, path: "/" });
  assert.equal(parseUrl("https://host:99999"), undefined);
  assert.equal(parseUrl("not a url"), undefined);
});

test("agents CSV: rows parse; every bad line is named, passwords never echoed", () => {
  const good = parseAgentsCsv("id,password,extension,teamId,role,node\n1001,pa55,2001,7,agent,\n1002,pb,2002,7,supervisor,b\n", "agents.csv");
  assert.deepEqual(good[1], { id: "1002", password: "pb", extension: "2002", teamId: "7", role: "supervisor", node: "b" });
  assert.equal(good[0]!.node, undefined);
  assert.throws(
    () => parseAgentsCsv("id,password,extension,teamId,role\n1001,hunter2,x,7,boss\n1001,hunter2,2001,7,agent\n1003,only,three\n", "agents.csv"),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems.map((p) => p.path), ["line 2 extension", "line 2 role", "line 3 id", "line 4"]);
      assert.equal(e.message.includes("hunter2"), false);
      return true;
    },
  );
  assert.throws(() => parseAgentsCsv("user,pass\n", "a.csv"), /missing id, password, extension, teamId, role/);
});

test("a generated population lays agents out in teams with supervisors first", () => {
  const pop = { kind: "generated" as const, spec: { count: 6, firstId: 5000, passwordTemplate: "x{id}y", firstExtension: 100, teamSize: 3, firstTeamId: 9, supervisorsPerTeam: 1 } };
  assert.equal(populationSize(pop), 6);
  assert.deepEqual(agentAt(pop, 0), { id: "5000", password: "x5000y", extension: "100", teamId: "9", role: "supervisor" });
  assert.deepEqual(agentAt(pop, 4), { id: "5004", password: "x5004y", extension: "104", teamId: "10", role: "agent" });
  assert.throws(() => agentAt(pop, 6), /agent index 6 is outside the population of 6/);
});

test("type mismatches say what was expected and what was found", () => {
  const r = loadConfig({ text: JSON.stringify({ targets: "x", agents: { generated: { count: "a", passwordTemplate: 1 } } }) });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.error.problems.map((p) => `${p.path}: ${p.message}`), [
    "targets: expected array, received string",
    "agents.generated.count: expected number, received string",
    "agents.generated.passwordTemplate: expected string, received number",
  ]);
});

const XMPP_TARGET = { kind: "xmpp", wsUrl: "wss://xmpp.example.com:5281/xmpp-websocket", xmppDomain: "example.com" };

test("a target of kind xmpp needs its WebSocket and domain, and gets the documented defaults", () => {
  const c = load(JSON.stringify({ targets: [XMPP_TARGET], agents: { csv: "agents.csv" } }));
  const t = c.targets[0]!;
  assert.equal(t.kind, "xmpp");
  assert.deepEqual(t.mechanisms, ["PLAIN"]);
  assert.deepEqual(xmppSettings(t), { readiness: "barrier", nodeTemplate: "loadtest/agent/{id}", publishers: 1, createNodes: true, pubsub: "pubsub.example.com" });
  const r = loadConfig({ text: JSON.stringify({ targets: [{ kind: "xmpp", restUrl: "https://a.example.com:8445" }], agents: { csv: "a.csv" } }) });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.error.problems.map((p) => p.path).sort(), ["targets[0].kind", "targets[0].wsUrl", "targets[0].xmppDomain"]);
  assert.match(r.error.message, /has no Finesse REST/);
});

test("xmpp settings are checked: kind, readiness, publishers share, node template, mechanisms; Finesse targets refuse them", () => {
  const r = loadConfig({
    text: JSON.stringify({
      targets: [
        { ...XMPP_TARGET, readiness: "soon", publishers: 1.5, nodeTemplate: "fixed", mechanisms: ["PLAIN", "DIGEST-MD5"] },
        { name: "b", kind: "openfire", wsUrl: "ws://b/ws", xmppDomain: "b" },
        { name: "c", restUrl: "https://c.example.com:8445", publishers: 0.5 },
      ],
      agents: { csv: "a.csv" },
    }),
  });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.error.problems.map((p) => p.path).sort(), [
    "targets[0].mechanisms[1]", "targets[0].nodeTemplate", "targets[0].publishers", "targets[0].readiness", "targets[1].kind", "targets[2].kind",
  ]);
  assert.match(r.error.message, /targets\[2\]\.kind: readiness, nodeTemplate, publishers, createNodes apply to kind "xmpp" only/);
  const c = load(JSON.stringify({ targets: [{ ...XMPP_TARGET, readiness: "echo", publishers: 0.25, createNodes: false, pubsubDomain: "ps.example.com", mechanisms: ["SCRAM-SHA-256", "PLAIN"] }], agents: { csv: "a.csv" } }));
  assert.deepEqual(xmppSettings(c.targets[0]!), { readiness: "echo", nodeTemplate: "loadtest/agent/{id}", publishers: 0.25, createNodes: false, pubsub: "ps.example.com" });
});
