// Id sources for stanza ids and resources (inject a deterministic one in tests).
import type { IdSource } from "./ports.ts";

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** `prefix` followed by 1, 2, 3, … */
export function sequentialIds(prefix = ""): IdSource {
  let n = 0;
  return { next: () => `${prefix}${++n}` };
}

/** A random alphanumeric string; `random` defaults to Math.random (available under k6). */
export function randomToken(length: number, random: () => number = Math.random): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
  return s;
}

/** Ids made of a random per-source prefix and a counter: unique within the source, unlikely to collide across sources. */
export function randomIds(random: () => number = Math.random): IdSource {
  return sequentialIds(`${randomToken(8, random)}-`);
}
