import { createHmac } from 'node:crypto';

/** A cursor: items from insertion position `next` on, up to `max` (undefined: open-ended). */
export interface Cursor {
  next: number;
  max?: number;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 16);

/**
 * A page token: `next,max` (ODS's shape: the next and the last aggregate id; positions here) and a signature with the
 * data set's secret, as unpadded base64url. Positions outlive a restart, and so does the secret, so tokens do too.
 */
export function pageToken(secret: string, cursor: Cursor): string {
  const payload = `${cursor.next},${cursor.max ?? ''}`;
  return Buffer.from(`${payload},${mac(secret, payload)}`).toString('base64url');
}

/** The cursor of a token this data set issued, or undefined for anything else (forged, damaged, padded with spaces). */
export function readPageToken(secret: string, token: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const m = /^(\d+),(\d*),([A-Za-z0-9_-]{16})$/.exec(Buffer.from(token, 'base64url').toString());
  if (!m || mac(secret, `${m[1]},${m[2]}`) !== m[3]) return undefined;
  return { next: Number(m[1]), max: m[2] === '' ? undefined : Number(m[2]) };
}
