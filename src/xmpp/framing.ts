// RFC 7395 framing: one whole XML element per WebSocket text message; the stream is opened and
// closed with <open/> and <close/> in the framing namespace (§3.3.1, §3.3.3, §3.6).
import { parse, xml, XmlError, type Element } from "../xml/index.ts";
import { ProtocolError } from "./errors.ts";
import { NS_CLIENT, NS_FRAMING, NS_STREAM } from "./ns.ts";

/** Client `<open/>` (RFC 7395 §3.4): to = server domain, version 1.0. */
export function clientOpen(domain: string, options: { from?: string; lang?: string } = {}): Element {
  return xml("open", { xmlns: NS_FRAMING, to: domain, from: options.from, version: "1.0", "xml:lang": options.lang });
}

export interface ServerOpenOptions {
  /** The server domain. */
  from: string;
  /** Stream id, new for every stream (RFC 6120 §4.7.3). */
  id: string;
  /** Echoes the client's `from`, when it sent one. */
  to?: string;
  lang?: string;
}

/** Server `<open/>` as Openfire sends it: from, id, xmlns, xml:lang, version (RFC 7395 §3.4). */
export function serverOpen(options: ServerOpenOptions): Element {
  return xml("open", {
    from: options.from,
    to: options.to,
    id: options.id,
    xmlns: NS_FRAMING,
    "xml:lang": options.lang ?? "en",
    version: "1.0",
  });
}

/** `<stream:features>` with the given feature elements (RFC 6120 §4.3.2), sent as its own frame. */
export function streamFeatures(...features: Element[]): Element {
  return xml("stream:features", { "xmlns:stream": NS_STREAM }, ...features);
}

/** `<close/>`, optionally redirecting the client (RFC 7395 §3.6.1). */
export function closeFrame(seeOtherUri?: string): Element {
  return xml("close", { xmlns: NS_FRAMING, "see-other-uri": seeOtherUri });
}

export interface OpenFrame {
  kind: "open";
  el: Element;
  xmlns: string | undefined;
  version: string | undefined;
  to: string | undefined;
  from: string | undefined;
  id: string | undefined;
  lang: string | undefined;
}
export interface CloseFrame {
  kind: "close";
  el: Element;
  seeOtherUri: string | undefined;
}
export interface StanzaFrame {
  kind: "stanza";
  el: Element;
  name: "iq" | "message" | "presence";
}
/** Any other top-level element: stream:features, stream:error, SASL elements, or something unknown. */
export interface ElementFrame {
  kind: "element";
  el: Element;
  /** Local name (prefix removed). */
  name: string;
  /** Resolved namespace. */
  ns: string | undefined;
}
export type Frame = OpenFrame | CloseFrame | StanzaFrame | ElementFrame;

/** Classifies one WebSocket text message; throws `ProtocolError("not-well-formed")` on malformed XML. */
export function unframe(text: string): Frame {
  let el: Element;
  try {
    el = parse(text);
  } catch (e) {
    const why = e instanceof XmlError ? e.message.replace(/ in ".*$/s, "") : String(e);
    throw new ProtocolError("not-well-formed", `malformed XML (${why})`, text, { cause: e });
  }
  return classify(el);
}

/** Classifies an already parsed top-level element. */
export function classify(el: Element): Frame {
  const name = el.name;
  // Stanzas are the hot path: check them first, by exact (unprefixed) name.
  if (name === "message" || name === "presence" || name === "iq") {
    const ns = el.attrs.xmlns;
    if (ns === undefined || ns === NS_CLIENT) return { kind: "stanza", el, name };
  } else if (name === "open" || name === "close") {
    if (el.attrs.xmlns === NS_FRAMING) {
      if (name === "close") return { kind: "close", el, seeOtherUri: el.attrs["see-other-uri"] || undefined };
      return openFrame(el);
    }
    // An unqualified or wrongly qualified <open/> is still reported as an open so the receiver can
    // reject it with a precise reason (see openProblem).
    if (name === "open") return openFrame(el);
  }
  return { kind: "element", el, name: el.getName(), ns: el.getNS() };
}

function openFrame(el: Element): OpenFrame {
  const a = el.attrs;
  return { kind: "open", el, xmlns: a.xmlns, version: a.version, to: a.to, from: a.from, id: a.id, lang: a["xml:lang"] };
}

/** Why an `<open/>` is unacceptable (wrong namespace or version, RFC 7395 §3.4), or undefined if it is fine. */
export function openProblem(frame: OpenFrame): string | undefined {
  if (frame.xmlns !== NS_FRAMING) return `<open/> has xmlns ${JSON.stringify(frame.xmlns ?? "")}, expected "${NS_FRAMING}"`;
  if (frame.version !== "1.0") return `<open/> has version ${JSON.stringify(frame.version ?? "")}, expected "1.0"`;
  return undefined;
}
