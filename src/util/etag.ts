/** A modification instant with sub-millisecond ticks (100 ns units, 0..9999) so that every write gets a new ETag. */
export interface Stamp {
  ms: number;
  tick: number;
}

const TICKS_AT_EPOCH = 621355968000000000n;
const UTC_KIND = 1n << 62n;

/** ODS parity: the ETag is .NET `DateTime.ToBinary()` of the UTC modification time, as a decimal string. */
export function odsEtag(s: Stamp): string {
  return ((BigInt(s.ms) * 10000n + TICKS_AT_EPOCH + BigInt(s.tick)) | UTC_KIND).toString();
}

/** Whether an If-Match / If-None-Match value names this ETag (quotes and a weak W/ prefix are ignored). */
export function etagMatches(header: string, s: Stamp): boolean {
  return header.trim().replace(/^W\//, '').replace(/^"|"$/g, '') === odsEtag(s);
}

/** `_lastModifiedDate` as .NET round-trip UTC: up to 7 fractional digits, trailing zeros trimmed. */
export function lastModifiedDate(s: Stamp): string {
  const iso = new Date(s.ms).toISOString();
  const frac = String((s.ms % 1000) * 10000 + s.tick)
    .padStart(7, '0')
    .replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/** Hands out strictly increasing stamps from a clock. */
export function createStamper(now: () => number): () => Stamp {
  let last: Stamp = { ms: 0, tick: 0 };
  return () => {
    const ms = now();
    last = ms > last.ms ? { ms, tick: 0 } : { ms: last.ms, tick: last.tick + 1 };
    if (last.tick > 9999) last = { ms: last.ms + 1, tick: 0 };
    return last;
  };
}
