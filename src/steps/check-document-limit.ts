import type { SyncStep } from '../pipeline/context';

/**
 * A POST that would add a document to a training sandbox holding its limit is refused (an update of an existing item
 * is not: it adds nothing). Checked last, so every other refusal of the body comes first.
 */
export const checkDocumentLimit: SyncStep = (ctx) => {
  const limit = ctx.env.documentLimit;
  if (!limit || ctx.env.store.getByKey(ctx.keys![0])) return undefined;
  const held = limit.held();
  if (held < limit.max) return undefined;
  return ctx.env.problems.sandboxLimit(
    ctx.req.correlationId,
    403,
    `This sandbox holds ${held} documents, its limit of ${limit.max}: delete some, or ask the trainer to reset the sandbox or raise its limit.`,
  );
};
