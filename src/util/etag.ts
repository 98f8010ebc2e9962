/**
 * A modification instant: whole seconds since the epoch and 100-ns ticks within the second (0..9,999,999), so that
 * every write gets a new ETag. Two small integers, not milliseconds: both fit V8's small-integer fields (until 2038),
 * where a millisecond count would cost a 16-byte heap number in every stored document (G8).
 */
export interface Stamp {
  sec: number;
  sub: number;
}

const TICKS_AT_EPOCH = 621355968000000000n;
const UTC_KIND = 1n << 62n;
const TICKS_PER_SECOND = 10_000_000;

/** The stamp of a time in milliseconds plus 100-ns ticks within the millisecond (0..9999). */
export const stampAt = (ms: number, tick = 0): Stamp => ({ sec: Math.floor(ms / 1000), sub: (ms % 1000) * 10_000 + tick });

/** ODS parity: the ETag is .NET `DateTime.ToBinary()` of the UTC modification time, as a decimal string. */
export function odsEtag(s: Stamp): string {
  return ((BigInt(s.sec) * BigInt(TICKS_PER_SECOND) + TICKS_AT_EPOCH + BigInt(s.sub)) | UTC_KIND).toString();
}

/** Whether an If-Match / If-None-Match value names this ETag (quotes and a weak W/ prefix are ignored). */
export function etagMatches(header: string, s: Stamp): boolean {
  return header.trim().replace(/^W\//, '').replace(/^"|"$/g, '') === odsEtag(s);
}

/** `_lastModifiedDate` as .NET round-trip UTC: up to 7 fractional digits, trailing zeros trimmed. */
export function lastModifiedDate(s: Stamp): string {
  const iso = new Date(s.sec * 1000).toISOString();
  const frac = String(s.sub).padStart(7, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/** Hands out strictly increasing stamps from a clock (milliseconds). */
export function createStamper(now: () => number): () => Stamp {
  let last: Stamp = { sec: 0, sub: 0 };
  return () => {
    const next = stampAt(now());
    if (next.sec > last.sec || (next.sec === last.sec && next.sub > last.sub)) last = next;
    else last = last.sub + 1 < TICKS_PER_SECOND ? { sec: last.sec, sub: last.sub + 1 } : { sec: last.sec + 1, sub: 0 };
    return last;
  };
}
