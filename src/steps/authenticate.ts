import type { SyncStep } from '../pipeline/context';

/** The parts of an Authorization header: `missing`, or its scheme (lower-cased) and value. */
export function authorizationParts(header: string | undefined): { scheme: string; value: string } | 'missing' {
  if (header === undefined || header.trim() === '') return 'missing';
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  return { scheme: (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase(), value: space < 0 ? '' : trimmed.slice(space + 1).trim() };
}

/** Checks the bearer token of /data requests (ODS7 EdFiApiAuthenticationMiddleware wording). */
export const authenticate: SyncStep = (ctx) => {
  const cid = ctx.req.correlationId;
  const parts = authorizationParts(ctx.req.headers.authorization);
  if (parts === 'missing') return ctx.env.problems.authentication(cid, 'Authorization header is missing.');
  if (parts.scheme !== 'bearer') return ctx.env.problems.authentication(cid, 'Unknown Authorization header scheme.');
  const { value } = parts;
  if (!value) return ctx.env.problems.authentication(cid, 'Missing Authorization header bearer token value.');
  const token = ctx.env.tokens.check(value);
  if (!token) return ctx.env.problems.authentication(cid, 'Invalid token');
  ctx.token = token;
  return undefined;
};
