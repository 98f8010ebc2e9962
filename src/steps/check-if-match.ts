import type { Step } from '../pipeline/context';
import { etagMatches } from '../util/etag';

/** Optimistic locking: an If-Match that differs from the current ETag gives 412 (quotes trimmed). */
export const checkIfMatch: Step = (ctx) => {
  const header = ctx.req.headers['if-match'];
  if (header === undefined || !ctx.existing) return undefined;
  if (etagMatches(header, ctx.existing)) return undefined;
  return ctx.env.problems.optimisticLock(ctx.req.correlationId);
};
