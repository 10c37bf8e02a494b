// Request bodies (k6 docs, javascript-api/k6-http/request): strings and binary data as they are;
// an object is sent form-urlencoded, or as multipart/form-data when a value is http.file().
import { randomBytes } from "node:crypto";
import { bytesOf, isPlainObject } from "../realm.ts";

const files = new WeakMap<object, FileData>();
const encoder = new TextEncoder();

export interface FileData {
  data: Uint8Array;
  filename: string;
  contentType: string;
}

/** Registers a k6 http.file() value; the object itself is what the script sees. */
export function markFile(obj: object, file: FileData): void {
  files.set(obj, file);
}

export interface EncodedBody {
  bytes: Uint8Array | undefined;
  contentType: string | undefined;
  text: string;
}

function formValue(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

export function encodeBody(body: unknown): EncodedBody {
  if (body === undefined || body === null) return { bytes: undefined, contentType: undefined, text: "" };
  if (typeof body === "string") return { bytes: encoder.encode(body), contentType: undefined, text: body };
  const raw = bytesOf(body);
  if (raw !== undefined) return { bytes: new Uint8Array(raw), contentType: undefined, text: Buffer.from(raw).toString("latin1") };
  if (isPlainObject(body)) {
    const entries = Object.entries(body);
    if (entries.some(([, v]) => typeof v === "object" && v !== null && files.has(v))) return multipart(entries);
    const text = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(formValue(v))}`).join("&");
    return { bytes: encoder.encode(text), contentType: "application/x-www-form-urlencoded", text };
  }
  const text = String(body);
  return { bytes: encoder.encode(text), contentType: undefined, text };
}

function multipart(entries: [string, unknown][]): EncodedBody {
  const boundary = randomBytes(16).toString("hex");
  const parts: Buffer[] = [];
  for (const [name, v] of entries) {
    const file = typeof v === "object" && v !== null ? files.get(v) : undefined;
    const head = file
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`;
    parts.push(Buffer.from(head), file ? Buffer.from(file.data) : Buffer.from(formValue(v)), Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const bytes = new Uint8Array(Buffer.concat(parts));
  return { bytes, contentType: `multipart/form-data; boundary=${boundary}`, text: Buffer.from(bytes).toString("latin1") };
}
