// Tests' headless Chromium, driven over the Chrome DevTools Protocol (CDP: Target, Page, Runtime and
// Log domains) with the ws package: open a page, collect console errors and uncaught exceptions,
// evaluate an expression. Chromium is started with --remote-debugging-port=0 and its DevTools URL read
// from stderr ("DevTools listening on ws://…"); it is stopped by its PID.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--remote-debugging-port=0", "about:blank"];

/** The Chromium executable: $CHROMIUM, else `chromium` on PATH; undefined when neither exists. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, "chromium", "chromium-browser"].filter((c): c is string => !!c);
  for (const c of candidates) {
    const r = spawnSync(c, ["--version"], { timeout: 20_000, encoding: "utf8" });
    if (r.status === 0) return c;
  }
  return undefined;
}

/** Something the page reported: an uncaught exception, a console.error, or an error log entry. */
export interface PageProblem {
  source: "exception" | "console" | "log";
  text: string;
}

interface Pending {
  resolve: (v: Record<string, unknown>) => void;
  reject: (e: Error) => void;
}

export class Chromium {
  readonly #proc: ChildProcess;
  readonly #ws: WebSocket;
  readonly #dataDir: string;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners: Array<(method: string, params: Record<string, unknown>, sessionId: string | undefined) => void> = [];
  #nextId = 1;

  private constructor(proc: ChildProcess, ws: WebSocket, dataDir: string) {
    this.#proc = proc;
    this.#ws = ws;
    this.#dataDir = dataDir;
    ws.on("message", (raw) => {
      const msg = JSON.parse(String(raw)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      if (msg.id !== undefined) {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`CDP: ${msg.error.message}`));
        else p?.resolve(msg.result ?? {});
      } else if (msg.method) {
        for (const l of this.#listeners) l(msg.method, msg.params ?? {}, msg.sessionId);
      }
    });
  }

  get pid(): number | undefined {
    return this.#proc.pid;
  }

  static async launch(executable: string, timeoutMs = 30_000): Promise<Chromium> {
    const dataDir = await mkdtemp(join(tmpdir(), "report-chromium-"));
    const proc = spawn(executable, [...FLAGS.slice(0, -1), `--user-data-dir=${dataDir}`, FLAGS.at(-1)!], { stdio: ["ignore", "ignore", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = "";
        const timer = setTimeout(() => reject(new Error(`chromium printed no DevTools URL within ${timeoutMs} ms:\n${err}`)), timeoutMs);
        proc.stderr!.on("data", (chunk: Buffer) => {
          err += String(chunk);
          const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        proc.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`chromium exited (code ${code}) before printing its DevTools URL:\n${err}`));
        });
      });
      proc.stderr!.resume();
      const ws = new WebSocket(url, { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      });
      return new Chromium(proc, ws, dataDir);
    } catch (e) {
      proc.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
      throw e;
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`CDP ${method}: no answer within 30 s`));
      }, 30_000);
      this.#pending.set(id, {
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.#ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /**
   * Opens url in a new tab, waits for its load event, and hands back what the page reported and the
   * value of `expression` evaluated in it (JSON-serialisable).
   */
  async inspect(url: string, expression: string): Promise<{ problems: PageProblem[]; value: unknown }> {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" }) as { targetId: string };
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true }) as { sessionId: string };
    const problems: PageProblem[] = [];
    let loaded: () => void = () => {};
    const load = new Promise<void>((resolve) => (loaded = resolve));
    const listener = (method: string, params: Record<string, unknown>, from: string | undefined): void => {
      if (from !== sessionId) return;
      if (method === "Page.loadEventFired") loaded();
      else if (method === "Runtime.exceptionThrown") {
        const d = params.exceptionDetails as { text?: string; exception?: { description?: string } };
        problems.push({ source: "exception", text: d.exception?.description ?? d.text ?? "exception" });
      } else if (method === "Runtime.consoleAPICalled" && params.type === "error") {
        problems.push({ source: "console", text: JSON.stringify(params.args) });
      } else if (method === "Log.entryAdded") {
        const e = params.entry as { level?: string; text?: string; url?: string };
        if (e.level === "error") problems.push({ source: "log", text: `${e.text ?? ""} ${e.url ?? ""}`.trim() });
      }
    };
    this.#listeners.push(listener);
    try {
      await Promise.all([this.send("Page.enable", {}, sessionId), this.send("Runtime.enable", {}, sessionId), this.send("Log.enable", {}, sessionId)]);
      await this.send("Page.navigate", { url }, sessionId);
      await Promise.race([load, new Promise((_, reject) => setTimeout(() => reject(new Error(`${url}: no load event within 30 s`)), 30_000).unref())]);
      const r = await this.send("Runtime.evaluate", { expression, returnByValue: true }, sessionId) as { result: { value?: unknown }; exceptionDetails?: { text?: string } };
      if (r.exceptionDetails) throw new Error(`evaluating the test expression failed: ${r.exceptionDetails.text ?? ""}`);
      return { problems, value: r.result.value };
    } finally {
      this.#listeners.splice(this.#listeners.indexOf(listener), 1);
      await this.send("Target.closeTarget", { targetId }).catch(() => undefined);
    }
  }

  /** Asks the browser to close, then stops its process by PID if it is still there after 5 s. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.#proc.exitCode !== null || this.#proc.signalCode !== null) resolve();
      else this.#proc.once("exit", () => resolve());
    });
    await this.send("Browser.close").catch(() => undefined);
    this.#ws.close();
    const timer = setTimeout(() => {
      if (this.#proc.pid !== undefined) process.kill(this.#proc.pid, "SIGKILL");
    }, 5_000);
    await exited;
    clearTimeout(timer);
    await rm(this.#dataDir, { recursive: true, force: true });
  }
}
