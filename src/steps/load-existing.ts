import type { Step } from '../pipeline/context';

/** Loads the item the route id names; 404 wording depends on the verb (ODS parity). */
export const loadExisting: Step = (ctx) => {
  const doc = ctx.env.store.get(ctx.id!);
  if (doc && doc.resource === ctx.resource!.model.name) {
    ctx.existing = doc;
    return undefined;
  }
  const cid = ctx.req.correlationId;
  if (ctx.req.method === 'PUT') return ctx.env.problems.notFoundFor(cid, 'update');
  if (ctx.req.method === 'DELETE') return ctx.env.problems.notFoundFor(cid, 'delete');
  return ctx.env.problems.itemNotFound(cid, ctx.resource!.model.name);
};
