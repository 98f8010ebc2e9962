import { storageReason } from '../errors/storage-reason';
import type { Step } from '../pipeline/context';

/**
 * From here on the request may change the store: the backend makes it the data set's only writer (PostgreSQL: a
 * transaction holding the data set's lock, with the store caught up inside it). It answers nothing itself, so ODS's
 * error order is the order of the steps around it; `handle` ends the write once the steps have answered.
 */
export const beginWrite: Step = (ctx) => {
  ctx.writing = true;
  return ctx.env.backend.beginWrite()?.then(
    () => undefined,
    (err: unknown) => {
      ctx.env.logger.error({ err, correlationId: ctx.req.correlationId }, 'a write could not begin');
      return ctx.env.problems.storageUnavailable(ctx.req.correlationId, storageReason(err));
    },
  );
};
