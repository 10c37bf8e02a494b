// One abort listener per iteration signal, shared by every socket and request of the VU: Node
// warns about a leak once an AbortSignal has more than ten listeners.
const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `fn` once when `signal` aborts; returns the function that stops watching. */
export function onInterrupt(signal: AbortSignal, fn: () => void): () => void {
  let set = watchers.get(signal);
  if (set === undefined) {
    const fresh = new Set<() => void>();
    set = fresh;
    watchers.set(signal, fresh);
    signal.addEventListener(
      "abort",
      () => {
        watchers.delete(signal);
        for (const f of [...fresh]) f();
        fresh.clear();
      },
      { once: true },
    );
  }
  const mine = set;
  mine.add(fn);
  return () => {
    mine.delete(fn);
  };
}
