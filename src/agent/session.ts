// One XMPP session of an agent (RFC 7395, RFC 6120; ready on the `finesse` user's presence, Finesse developer
// guide, "Failure Scenarios", or on the own presence echo, RFC 6121 §4.2.2): created with the behaviour's timeouts, its login
// phases and pings recorded, connected to ready, then pinging (behaviour.ping).
import type { Agent, Behaviour } from "../config/index.ts";
import { XmppSession, type PubsubNotification, type ReadyWhen, type SaslMechanism, type SessionEnd } from "../xmpp/index.ts";
import { errorTags } from "./errors.ts";
import type { AgentPorts, Tags } from "./ports.ts";

const PHASE_METRIC = {
  upgrade: "xmpp_upgrade", open_features: "xmpp_open_features", sasl: "xmpp_sasl", restart: "xmpp_restart", bind: "xmpp_bind",
  session: "xmpp_session", presence: "xmpp_presence", ready: "xmpp_time_to_ready",
} as const;

export interface SessionSpec {
  agent: Agent;
  wsUrl: string;
  domain: string;
  pubsub: string;
  resource: string;
  readyWhen: ReadyWhen;
  /** SASL mechanisms in order of preference; default PLAIN */
  mechanisms?: readonly SaslMechanism[] | undefined;
  behaviour: Behaviour;
  tags: Tags;
}

export interface SessionHandlers {
  pubsub(n: PubsubNotification): void;
  end(s: XmppSession, end: SessionEnd): void;
  /** maxMisses pings in a row went unanswered */
  pingDead(s: XmppSession): void;
  /** called with the session before it connects (so events during login reach the right session) */
  created(s: XmppSession): void;
}

/** Resolves with a ready, pinging session; rejects with the typed reason it did not get ready. */
export async function openSession(p: AgentPorts, spec: SessionSpec, h: SessionHandlers): Promise<XmppSession> {
  const t = spec.behaviour.phaseTimeoutMs;
  const s = new XmppSession(
    { connect: p.connect, clock: p.clock, ids: p.ids, base64: p.base64, random: p.random, saslMechanisms: p.sasl ?? [] },
    {
      url: spec.wsUrl, domain: spec.domain, username: spec.agent.id.toLowerCase(), password: spec.agent.password,
      resource: spec.resource, readyWhen: spec.readyWhen, pubsubService: spec.pubsub, mechanisms: spec.mechanisms ?? ["PLAIN"],
      timeouts: { upgrade: t, open_features: t, sasl: t, restart: t, bind: t, session: t, presence: t, request: t },
    },
  );
  h.created(s);
  s.on("event", (e) => {
    if (e.kind === "phase") p.record(PHASE_METRIC[e.phase], e.ms, spec.tags);
    else if (e.kind === "ping") p.record("xmpp_ping_rtt", e.rttMs, spec.tags);
    else if (e.kind === "ping_miss") p.record("xmpp_ping_misses", 1, spec.tags);
    else h.pingDead(s);
  });
  s.on("pubsub", (n) => h.pubsub(n));
  s.on("end", (end) => h.end(s, end));
  try {
    await s.connect();
  } catch (e) {
    p.record("xmpp_sessions_failed", 1, { ...spec.tags, ...errorTags(e) });
    throw e;
  }
  p.record("xmpp_sessions_opened", 1, spec.tags);
  s.startPing(spec.behaviour.ping);
  return s;
}
