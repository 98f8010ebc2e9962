import type { IncomingMessage } from 'node:http';

/** Why reading a body failed. */
export type BodyFailure = 'too-large' | 'aborted';

/**
 * Reads a request body as UTF-8 text up to `limit` bytes. The core parses bodies itself (ODS wording, content-type
 * rules, token forms), so a generic body parser would only add a second pass.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string | undefined | BodyFailure> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    req.resume();
    return Promise.resolve('too-large');
  }
  if (!req.headers['content-length'] && !req.headers['transfer-encoding']) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: string | undefined | BodyFailure) => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        finish('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => finish('aborted'));
    // A client that goes away mid-body never sends 'end'; 'close' settles the read (after 'end' it changes nothing).
    req.on('close', () => finish('aborted'));
  });
}
