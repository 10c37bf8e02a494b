// A raw RFC 7395 client for simulator tests: sends frames as given and waits for received frames.
import WebSocket from "ws";
import { parse, type Element } from "../xml/index.ts";

export class RawClient {
  readonly ws: WebSocket;
  readonly frames: string[] = [];
  closed: { code: number; reason: string } | undefined;
  #waiters: Array<() => void> = [];
  #seen = 0;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on("message", (d) => {
      this.frames.push(d.toString());
      this.#wake();
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.#wake();
    });
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  static connect(url: string, protocols: string[] = ["xmpp"]): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
      const client = new RawClient(ws);
      ws.once("open", () => resolve(client));
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    });
  }

  send(text: string): void {
    this.ws.send(text);
  }

  /** The next not yet consumed frame matching `pred` (earlier non-matching frames stay available to later waits when `keep`). */
  async next(pred: (el: Element, text: string) => boolean = () => true, ms = 3000): Promise<Element> {
    const deadline = Date.now() + ms;
    for (;;) {
      for (let i = this.#seen; i < this.frames.length; i++) {
        const text = this.frames[i]!;
        const el = parse(text);
        if (pred(el, text)) {
          this.frames.splice(i, 1);
          return el;
        }
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting; unconsumed: ${this.frames.join(" | ")}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${ms} ms; unconsumed: ${this.frames.join(" | ").slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves when the socket has closed. */
  async waitClosed(ms = 3000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`socket still open after ${ms} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close(): void {
    this.ws.terminate();
  }
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
export const NS = {
  framing: "urn:ietf:params:xml:ns:xmpp-framing",
  sasl: "urn:ietf:params:xml:ns:xmpp-sasl",
  bind: "urn:ietf:params:xml:ns:xmpp-bind",
  streamErrors: "urn:ietf:params:xml:ns:xmpp-streams",
};

/** Logs in with raw frames (open, PLAIN, restart, bind, session, presence); returns the client after finesse presence. */
export async function login(url: string, domain: string, id: string, password: string, resource = "vagent", presence = true): Promise<RawClient> {
  const c = await RawClient.connect(url);
  c.send(`<open xmlns="${NS.framing}" to="${domain}" version="1.0"/>`);
  await c.next((e) => e.name === "open");
  await c.next((e) => e.name === "stream:features");
  c.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${b64(`${id.toLowerCase()}@${domain}\0${id}\0${password}`)}</auth>`);
  const r = await c.next();
  if (r.name !== "success") throw new Error(`auth failed: ${r.toString()}`);
  c.send(`<open xmlns="${NS.framing}" to="${domain}" version="1.0"/>`);
  await c.next((e) => e.name === "open");
  await c.next((e) => e.name === "stream:features");
  c.send(`<iq xmlns="jabber:client" type="set" id="_bind_auth_2"><bind xmlns="${NS.bind}"><resource>${resource}</resource></bind></iq>`);
  await c.next((e) => e.attrs.id === "_bind_auth_2");
  c.send(`<iq xmlns="jabber:client" type="set" id="_session_auth_2"><session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>`);
  await c.next((e) => e.attrs.id === "_session_auth_2");
  if (presence) {
    c.send(`<presence xmlns="jabber:client"/>`);
    await c.next((e) => e.name === "presence" && (e.attrs.from ?? "").startsWith("finesse@"));
  }
  return c;
}

export { b64 };
