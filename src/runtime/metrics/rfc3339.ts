// Go's time.RFC3339Nano in the local time zone, as k6's JSON output writes sample times
// (k6 docs, results-output/real-time/json): "2017-05-09T14:34:45.239531499+02:00"; trailing
// zeros of the fraction are dropped (no fraction at all when zero) and a zero offset is "Z".

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

// The date, time and zone of the last second formatted: samples arrive in time order, so most
// calls only format the fraction.
let cachedSecond = NaN;
let cachedPrefix = "";
let cachedZone = "";
let cachedTz: string | undefined;
// Samples stamped with Date.now() come many to a millisecond: the last result is kept.
let lastMs = NaN;
let lastText = "";

/** `ms` since the epoch (float; sub-millisecond digits become nanoseconds). */
export function formatRfc3339Nano(ms: number): string {
  if (ms === lastMs && process.env.TZ === cachedTz) return lastText;
  let whole = Math.floor(ms);
  let nanos = Math.round((ms - whole) * 1e6);
  if (nanos >= 1e6) {
    whole += 1;
    nanos -= 1e6;
  }
  const second = Math.floor(whole / 1000);
  if (second !== cachedSecond || process.env.TZ !== cachedTz) {
    const d = new Date(second * 1000);
    const offsetMin = -d.getTimezoneOffset();
    cachedZone = offsetMin === 0 ? "Z"
      : `${offsetMin > 0 ? "+" : "-"}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
    cachedPrefix = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:` +
      `${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    cachedSecond = second;
    cachedTz = process.env.TZ;
  }
  const fraction = (whole - second * 1000) * 1e6 + nanos;
  const frac = fraction === 0 ? "" : "." + pad(fraction, 9).replace(/0+$/, "");
  lastMs = ms;
  lastText = cachedPrefix + frac + cachedZone;
  return lastText;
}
