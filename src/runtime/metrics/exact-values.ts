// The first EXACT_CAP values of a Trend, kept as they are: while a Trend holds at most that many
// samples its percentiles are exactly k6's (sorted values, linear interpolation); past it, the
// buffer is dropped and the histogram's error bound applies. Memory stays bounded (8 KB at most).
import { decodeNumber, encodeNumber, type JsonNumber } from "./json-number.ts";

export const EXACT_CAP = 1024;

export class ExactValues {
  private values: Float64Array | undefined;
  private n = 0;
  private sorted = true;
  /** false once more than EXACT_CAP values were seen */
  valid = true;

  add(v: number): void {
    if (!this.valid) return;
    if (this.n === EXACT_CAP) {
      this.invalidate();
      return;
    }
    if (!this.values || this.n === this.values.length) this.grow();
    this.values![this.n++] = v;
    this.sorted = false;
  }

  private grow(): void {
    const next = new Float64Array(Math.min(EXACT_CAP, Math.max(16, (this.values?.length ?? 0) * 2)));
    if (this.values) next.set(this.values);
    this.values = next;
  }

  private invalidate(): void {
    this.valid = false;
    this.values = undefined;
    this.n = 0;
  }

  /** The k-th smallest value (0-based). */
  at(k: number): number {
    const values = this.values!.subarray(0, this.n);
    if (!this.sorted) {
      values.sort();
      this.sorted = true;
    }
    return values[k]!;
  }

  toJSON(): JsonNumber[] | undefined {
    return this.valid ? Array.from(this.values?.subarray(0, this.n) ?? [], encodeNumber) : undefined;
  }

  merge(list: readonly JsonNumber[] | undefined): void {
    if (!this.valid) return;
    if (list === undefined || this.n + list.length > EXACT_CAP) {
      this.invalidate();
      return;
    }
    for (const v of list) this.add(decodeNumber(v));
  }
}
