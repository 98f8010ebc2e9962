import type { Step } from '../pipeline/context';

/** Checks the bearer token of /data requests (ODS7 EdFiApiAuthenticationMiddleware wording). */
export const authenticate: Step = (ctx) => {
  const cid = ctx.req.correlationId;
  const header = ctx.req.headers.authorization;
  if (header === undefined || header.trim() === '') return ctx.env.problems.authentication(cid, 'Authorization header is missing.');
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') return ctx.env.problems.authentication(cid, 'Unknown Authorization header scheme.');
  const value = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (!value) return ctx.env.problems.authentication(cid, 'Missing Authorization header bearer token value.');
  const token = ctx.env.tokens.check(value);
  if (!token) return ctx.env.problems.authentication(cid, 'Invalid token');
  ctx.token = token;
  return undefined;
};
