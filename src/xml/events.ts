// A minimal EventEmitter: ltx imports Node's `events`, which k6 does not have.
// build.mjs aliases `events` to this file for k6 bundles; in Node, ltx gets the real module.
type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  #listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (list) list.push(listener);
    else this.#listeners.set(event, [listener]);
    return this;
  }

  addListener(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (!list || list.length === 0) return false;
    for (const listener of list.slice()) listener.apply(this, args);
    return true;
  }

  removeAllListeners(event?: string): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }
}

export default { EventEmitter };
