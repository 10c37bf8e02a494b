// The requestId header of state changes (Finesse developer guide, requestId; DevNet article "Correlating the
// REST API requests to the notifications"): it names the
// agent, a per-agent sequence number and the trigger time, so that any subscriber receiving the event can
// time it and detect gaps in an agent's sequence without sharing memory with the trigger side.
export const REQUEST_ID_PREFIX = "fl";

export interface RequestIdParts {
  agentId: string;
  /** 1, 2, 3, … per agent session of the harness */
  seq: number;
  /** Trigger time, ms since the epoch (the REST request's send time). */
  epochMs: number;
}

export function formatRequestId(p: RequestIdParts): string {
  return `${REQUEST_ID_PREFIX}-${p.agentId}-${p.seq}-${Math.round(p.epochMs)}`;
}

const RE = /^fl-(.+)-(\d{1,15})-(\d{1,15})$/;

/** The parts of a requestId made by `formatRequestId`, or undefined for any other string (e.g. ""). */
export function parseRequestId(text: string): RequestIdParts | undefined {
  const m = RE.exec(text);
  if (!m) return undefined;
  return { agentId: m[1]!, seq: Number(m[2]), epochMs: Number(m[3]) };
}
