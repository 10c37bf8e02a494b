// The payload of a generic-XMPP event: one pubsub item (XEP-0060 §7.1.1) carrying the trigger's id (a requestId,
// request-id.ts: publishing agent, sequence number, trigger time) so that every subscriber can time its delivery.
import { xml, type Element } from "../xml/index.ts";

export const NS_TRIGGER = "urn:finesse-load:trigger";

export function triggerPayload(id: string): Element {
  return xml("trigger", { xmlns: NS_TRIGGER, id });
}

/** The trigger id in an item payload, or undefined for any other payload. */
export function readTrigger(payload: Element | undefined): string | undefined {
  if (!payload || payload.name !== "trigger" || payload.attrs.xmlns !== NS_TRIGGER) return undefined;
  return payload.attrs.id || undefined;
}
