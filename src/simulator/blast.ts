// Event burst for load-generator benchmarks (admin only): `count` User updates in the Finesse envelope,
// round-robin over the available sessions, each stamped with its send time so the receiver can tell how
// long the event took to be received and parsed. The stamp is the Update's <requestId>, `bench-<epoch ms>`
// (Date.now(), the clock a k6 script has), then `-<label>` when the burst has a label; the rest of each
// session's message is rendered once.

/** The requestId prefix of a burst event; the send time in epoch ms follows. */
export const BLAST_REQUEST_ID_PREFIX = "bench-";

export interface BlastTarget {
  /** the session's User update with `requestId` as its <requestId> */
  render(requestId: string): string;
  send(text: string): void;
  readonly closed: boolean;
}

export interface BlastResult {
  sent: number;
  /** sessions the events went to */
  sessions: number;
  seconds: number;
}

const MARK = "\u0001blast\u0001";
const TICK_MS = 10;

export class BlastError extends Error {
  override name = "BlastError";
  readonly kind = "no-sessions";
}

/**
 * Sends `count` events over `targets` at `perSecond` (0: batches of 256 as fast as the event loop turns).
 * Resolves once all are handed to the sockets (or every target closed).
 */
export function blast(targets: readonly BlastTarget[], count: number, perSecond: number, now: () => number = Date.now, label = ""): Promise<BlastResult> {
  if (!/^[A-Za-z0-9_]*$/.test(label)) return Promise.reject(new Error(`burst label ${JSON.stringify(label)}: use letters, digits and _ only`));
  const suffix = label === "" ? "" : `-${label}`;
  if (targets.length === 0) return Promise.reject(new BlastError("no available session to send events to"));
  const parts: (readonly [string, string])[] = [];
  for (const t of targets) {
    const text = t.render(MARK);
    const at = text.indexOf(MARK);
    if (at < 0) return Promise.reject(new Error("the rendered update does not carry its requestId"));
    parts.push([text.slice(0, at), text.slice(at + MARK.length)]);
  }
  const t0 = performance.now();
  let sent = 0;
  let next = 0;
  const sendSome = (n: number): boolean => {
    const open = targets.flatMap((t, k) => (t.closed ? [] : [k]));
    for (let i = 0; i < n && sent < count && open.length > 0; i++) {
      const k = open[next++ % open.length]!;
      const [head, tail] = parts[k]!;
      targets[k]!.send(`${head}${BLAST_REQUEST_ID_PREFIX}${now()}${suffix}${tail}`);
      sent++;
    }
    return sent < count && open.length > 0;
  };
  return new Promise((resolve) => {
    const done = () => resolve({ sent, sessions: targets.length, seconds: (performance.now() - t0) / 1000 });
    if (perSecond <= 0) {
      const loop = () => (sendSome(256) ? setImmediate(loop) : done());
      loop();
      return;
    }
    const timer = setInterval(() => {
      const due = Math.min(count, Math.floor(((performance.now() - t0) / 1000) * perSecond));
      if (!sendSome(due - sent)) {
        clearInterval(timer);
        done();
      }
    }, TICK_MS);
  });
}
