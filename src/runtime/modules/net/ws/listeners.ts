// Listener bookkeeping: the on<type> handler runs first, then addEventListener listeners in
// registration order, whenever the handler was set (k6 websockets listeners.go `all()`).
export const EVENT_TYPES = ["open", "message", "error", "close", "ping", "pong"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

type Listener = (event: unknown) => unknown;

export class Listeners {
  readonly #handlers = new Map<EventType, Listener>();
  readonly #listeners = new Map<EventType, Listener[]>();

  handler(type: EventType): Listener | undefined {
    return this.#handlers.get(type);
  }

  setHandler(type: EventType, fn: Listener | undefined): void {
    if (fn === undefined) this.#handlers.delete(type);
    else this.#handlers.set(type, fn);
  }

  add(type: EventType, fn: Listener): void {
    const list = this.#listeners.get(type);
    if (list === undefined) this.#listeners.set(type, [fn]);
    else list.push(fn);
  }

  /**
   * Calls every callback for `type`; an exception propagates at once. k6 calls handlers as plain
   * functions (`this` undefined; the socket is `event.target`).
   */
  call(type: EventType, event: unknown): void {
    const h = this.#handlers.get(type);
    if (h !== undefined) h(event);
    const list = this.#listeners.get(type);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) list[i]!(event);
  }
}

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}
