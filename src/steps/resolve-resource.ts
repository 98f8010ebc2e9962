import type { Step } from '../pipeline/context';

/** Finds the resource named by the route (case-insensitive, ASP.NET routing parity). */
export const resolveResource: Step = (ctx) => {
  const entry = ctx.env.registry.byRoute.get(`${ctx.params.schema}/${ctx.params.resource}`);
  if (!entry) return ctx.env.problems.routeNotFound(ctx.req.correlationId);
  ctx.resource = entry;
  return undefined;
};
